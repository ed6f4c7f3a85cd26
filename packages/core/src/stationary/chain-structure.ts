/**
 * Communicating classes of a finite Markov chain, read from the support of its kernel.
 *
 * The states of a finite chain split into communicating classes: the strongly connected components of the
 * directed graph i → j ⇔ K(i, j) > 0. A class is *closed* (recurrent) when no edge leaves it; every other
 * state is transient. The chain has a unique stationary law iff it has exactly one closed class, and that law
 * vanishes on the transient states.
 */
import { checkStochasticKernel } from "./validate-kernel.js";

/** The communicating structure of a chain. */
export interface ChainStructure {
  /** True iff the whole state space is one communicating class. */
  irreducible: boolean;
  /** The closed (recurrent) classes, each sorted ascending, ordered by their smallest state. */
  closedClasses: number[][];
  /** The states outside every closed class, ascending. */
  transientStates: number[];
}

/**
 * Reusable workspace for Tarjan's strongly-connected-components algorithm run on the support of a dense
 * n×n kernel, written with an explicit stack (no recursion, so a path of 10⁴ or 10⁶ states is fine).
 * One pass over the n² entries; no allocation after construction.
 *
 * After {@link SupportComponents.run}, `component[v]` is the class id of state v (ids in order of completion,
 * which is a reverse topological order of the condensation) and `closed[c]` is 1 iff class c is closed.
 */
export class SupportComponents {
  readonly n: number;
  /** Class id of each state. */
  readonly component: Int32Array;
  /** 1 iff class c (an id below `count`) is closed. */
  readonly closed: Uint8Array;
  /** Number of classes found by the last run. */
  count = 0;
  /** Number of closed classes found by the last run. */
  closedCount = 0;

  /** DFS number while the state is open (on the SCC stack); UNVISITED before, DONE once its class is complete. */
  private readonly order: Int32Array;
  private readonly lowlink: Int32Array;
  private readonly cursor: Int32Array;
  private readonly sccStack: Int32Array;
  private readonly callStack: Int32Array;
  /** 1 if an edge from the state leads to a class other than its own. */
  private readonly exits: Uint8Array;

  constructor(n: number) {
    this.n = n;
    this.component = new Int32Array(n);
    this.closed = new Uint8Array(n);
    this.order = new Int32Array(n);
    this.lowlink = new Int32Array(n);
    this.cursor = new Int32Array(n);
    this.sccStack = new Int32Array(n);
    this.callStack = new Int32Array(n);
    this.exits = new Uint8Array(n);
  }

  /** Computes the classes of the support of `kernel` (entries > 0), unchecked. */
  run(kernel: Float64Array): void {
    const { n, component, closed, order, lowlink, cursor, sccStack, callStack, exits } = this;
    order.fill(UNVISITED);
    exits.fill(0);
    cursor.fill(0);
    let visited = 0;
    let sccTop = 0;
    let count = 0;
    let closedCount = 0;
    for (let root = 0; root < n; root++) {
      if (order[root] !== UNVISITED) continue;
      order[root] = lowlink[root] = visited++;
      sccStack[sccTop++] = root;
      let callTop = 0;
      callStack[callTop++] = root;
      while (callTop > 0) {
        const v = callStack[callTop - 1];
        const row = v * n;
        let low = lowlink[v];
        let exit = exits[v];
        let next = -1;
        let j = cursor[v];
        // Two reads per entry: the kernel and the state's order (open ≥ 0, unvisited, done).
        for (; j < n; j++) {
          if (!(kernel[row + j] > 0)) continue;
          const o = order[j];
          if (o >= 0) {
            // Open: j reaches v, same class.
            if (o < low) low = o;
          } else if (o === UNVISITED) {
            next = j;
            j++;
            break;
          } else {
            // j's class is complete and is not v's: v's class has an exit.
            exit = 1;
          }
        }
        cursor[v] = j;
        lowlink[v] = low;
        exits[v] = exit;
        if (next >= 0) {
          // Tree edge: descend into next; v's row resumes at j afterwards.
          order[next] = lowlink[next] = visited++;
          sccStack[sccTop++] = next;
          callStack[callTop++] = next;
          continue;
        }
        // v is finished.
        callTop--;
        let vDone = false;
        if (low === order[v]) {
          let isClosed = 1;
          let w: number;
          do {
            w = sccStack[--sccTop];
            order[w] = DONE;
            component[w] = count;
            if (exits[w] === 1) isClosed = 0;
          } while (w !== v);
          closed[count] = isClosed;
          closedCount += isClosed;
          count++;
          vDone = true;
        }
        if (callTop > 0) {
          const parent = callStack[callTop - 1];
          if (vDone)
            exits[parent] = 1; // the tree edge parent → v leaves the parent's class
          else if (low < lowlink[parent]) lowlink[parent] = low;
        }
      }
    }
    this.count = count;
    this.closedCount = closedCount;
  }

  /** The structure found by the last {@link run}, as fresh arrays. */
  structure(): ChainStructure {
    const { n, component, closed } = this;
    const members = new Map<number, number[]>();
    const transientStates: number[] = [];
    for (let v = 0; v < n; v++) {
      const c = component[v];
      if (closed[c] === 1) {
        let list = members.get(c);
        if (list === undefined) members.set(c, (list = []));
        list.push(v);
      } else {
        transientStates.push(v);
      }
    }
    // Members are pushed in ascending order; order classes by their smallest state.
    const closedClasses = [...members.values()].sort((a, b) => a[0] - b[0]);
    return { irreducible: this.count === 1, closedClasses, transientStates };
  }
}

const UNVISITED = -1;
const DONE = -2;

/**
 * Communicating structure of the chain with dense row-major kernel `kernel` (n×n, `kernel[i*n+j] = P(i→j)`),
 * read from its support (entries > 0): whether it is irreducible, its closed classes and its transient states.
 * Validates the kernel (shape, finite nonnegative entries, rows summing to 1). O(n²) time, iterative.
 */
export function analyzeChain(kernel: Float64Array, n: number): ChainStructure {
  checkStochasticKernel(kernel, n);
  const components = new SupportComponents(n);
  components.run(kernel);
  return components.structure();
}

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

  private readonly order: Int32Array;
  private readonly lowlink: Int32Array;
  private readonly cursor: Int32Array;
  private readonly sccStack: Int32Array;
  private readonly callStack: Int32Array;
  /** 1 while the state is on the SCC stack. */
  private readonly onStack: Uint8Array;
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
    this.onStack = new Uint8Array(n);
    this.exits = new Uint8Array(n);
  }

  /** Computes the classes of the support of `kernel` (entries > 0), unchecked. */
  run(kernel: Float64Array): void {
    const { n, component, closed, order, lowlink, cursor, sccStack, callStack, onStack, exits } = this;
    order.fill(-1);
    onStack.fill(0);
    exits.fill(0);
    cursor.fill(0);
    let visited = 0;
    let sccTop = 0;
    let count = 0;
    let closedCount = 0;
    for (let root = 0; root < n; root++) {
      if (order[root] !== -1) continue;
      order[root] = lowlink[root] = visited++;
      sccStack[sccTop++] = root;
      onStack[root] = 1;
      let callTop = 0;
      callStack[callTop++] = root;
      while (callTop > 0) {
        const v = callStack[callTop - 1];
        const row = v * n;
        let descended = false;
        let j = cursor[v];
        while (j < n) {
          const w = j++;
          if (!(kernel[row + w] > 0)) continue;
          if (order[w] === -1) {
            // Tree edge: descend into w, resume v's row at j afterwards.
            order[w] = lowlink[w] = visited++;
            sccStack[sccTop++] = w;
            onStack[w] = 1;
            callStack[callTop++] = w;
            descended = true;
            break;
          }
          if (onStack[w] === 1) {
            // w is still open, so it reaches v: same class.
            if (order[w] < lowlink[v]) lowlink[v] = order[w];
          } else {
            // w's class is complete and differs from v's: v's class has an exit.
            exits[v] = 1;
          }
        }
        cursor[v] = j;
        if (descended) continue;
        // v is finished.
        callTop--;
        if (lowlink[v] === order[v]) {
          let isClosed = 1;
          let w: number;
          do {
            w = sccStack[--sccTop];
            onStack[w] = 0;
            component[w] = count;
            if (exits[w] === 1) isClosed = 0;
          } while (w !== v);
          closed[count] = isClosed;
          closedCount += isClosed;
          count++;
        }
        if (callTop > 0) {
          const parent = callStack[callTop - 1];
          if (onStack[v] === 1) {
            if (lowlink[v] < lowlink[parent]) lowlink[parent] = lowlink[v];
          } else {
            // The tree edge parent → v leads to a completed class, not the parent's.
            exits[parent] = 1;
          }
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

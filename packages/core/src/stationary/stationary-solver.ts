/**
 * A reusable stationary-law solver for dense row-stochastic kernels of a fixed size n.
 *
 * It returns the unique probability vector ν with νK = ν when K has exactly one closed class:
 * - small n: GTH elimination on a copy of K (exact up to rounding, subtraction-free, O(n³/3));
 * - large n ("auto" above {@link ITERATIVE_THRESHOLD}): restarted GMRES on ν(I − K) = 0 warm-started from the
 *   caller's previous answer, accepted when ‖νK − ν‖₁ ≤ tolerance, with GTH as the fallback when it does not
 *   converge within a bounded number of kernel–vector products.
 * A zero (or subnormal) GTH pivot sends the solve to the structure analysis: a unichain (one closed class plus
 * transient states) is solved by GTH on its closed class, with ν = 0 on transient states; two or more closed
 * classes throw `MfkitError("reducible-chain")` naming them. All workspaces are allocated once.
 */
import { MfkitError } from "../errors.js";
import { type ChainStructure, SupportComponents } from "./chain-structure.js";
import { gthInPlace } from "./gth.js";
import { KrylovStationary, writeSupport } from "./krylov-stationary.js";
import { checkStochasticKernel } from "./validate-kernel.js";

/**
 * State count from which method "auto" switches from GTH to the warm-started iterative solve. Measured with
 * `pnpm bench core/stationary` on dense random chains (see packages/core/README.md).
 */
export const ITERATIVE_THRESHOLD = 200;

/** Default residual tolerance ‖νK − ν‖₁ of the iterative method. */
export const DEFAULT_STATIONARY_TOLERANCE = 1e-13;

/** Options of {@link createStationarySolver}. */
export interface StationarySolverOptions {
  /** "gth": always GTH; "iterative": GMRES with GTH fallback; "auto" (default): GTH below the threshold. */
  method?: "auto" | "gth" | "iterative";
  /** Residual tolerance ‖νK − ν‖₁ of the iterative method (default 1e-13). */
  tolerance?: number;
  /** Kernel–vector products allowed to the iterative method before falling back to GTH (default max(40, n/10)). */
  maxMatvecs?: number;
  /** State count from which "auto" goes iterative (default {@link ITERATIVE_THRESHOLD}). */
  iterativeThreshold?: number;
  /** GMRES restart length (default 30). */
  restart?: number;
}

/** What the last solve did (for diagnostics and benches). */
export interface StationarySolveInfo {
  /** "gth" (whole chain), "gth-closed-class" (unichain, GTH on the closed class) or "iterative". */
  method: "gth" | "gth-closed-class" | "iterative";
  /** Kernel–vector products spent by the iterative method (0 for GTH alone). */
  matvecs: number;
  /** True if the iterative method ran out of budget and GTH finished the job. */
  fellBack: boolean;
}

/** A stationary-law solver for n×n kernels with preallocated workspaces. */
export interface StationarySolver {
  readonly n: number;
  /**
   * Writes the stationary law of `kernel` (dense row-major n×n, `kernel[i*n+j] = P(i→j)`) into `out` and
   * returns it. Validates the kernel (O(n²)); `warmStart` (a probability vector, e.g. the previous answer) only
   * seeds the iterative method. Throws "reducible-chain" when the chain has two or more closed classes.
   */
  solve(kernel: Float64Array, out: Float64Array, warmStart?: Float64Array): Float64Array;
  /** {@link solve} without the validation of the kernel and of the array lengths: the caller guarantees them. */
  solveUnchecked(kernel: Float64Array, out: Float64Array, warmStart?: Float64Array): Float64Array;
  /** What the last solve did. */
  readonly lastSolve: Readonly<StationarySolveInfo>;
}

/** The typed error for a chain with several closed classes (no unique stationary law). */
export function reducibleChainError(structure: ChainStructure): MfkitError {
  const { closedClasses, transientStates } = structure;
  const list = (states: number[]) =>
    states.length <= 12
      ? `{${states.join(", ")}}`
      : `{${states.slice(0, 12).join(", ")}, … (${states.length})}`;
  const shown = closedClasses.slice(0, 8).map(list).join(", ");
  const more = closedClasses.length > 8 ? `, … (${closedClasses.length} classes)` : "";
  const transient = transientStates.length === 0 ? "none" : list(transientStates);
  return new MfkitError(
    "reducible-chain",
    `the chain has ${closedClasses.length} closed classes ${shown}${more} (transient states: ${transient}), ` +
      "so its stationary law is not unique",
    ["kernel"],
    { closedClasses, transientStates },
  );
}

class Solver implements StationarySolver {
  readonly n: number;
  readonly lastSolve: StationarySolveInfo = { method: "gth", matvecs: 0, fellBack: false };
  private readonly useIterative: boolean;
  private readonly tolerance: number;
  private readonly maxMatvecs: number;
  private readonly components: SupportComponents;
  private readonly members: Int32Array;
  private readonly scratch: Float64Array;
  private readonly recurrent: Uint8Array;
  private readonly krylov: KrylovStationary | undefined;
  private work: Float64Array | undefined;
  /** Iterative path: support (n² flags) of the kernel whose structure `components` holds. */
  private support: Uint8Array | undefined;
  private structureKnown = false;
  private recurrentMask: Uint8Array | undefined;

  constructor(n: number, options: StationarySolverOptions) {
    this.n = n;
    const method = options.method ?? "auto";
    const threshold = options.iterativeThreshold ?? ITERATIVE_THRESHOLD;
    this.useIterative = method === "iterative" || (method === "auto" && n >= threshold);
    this.tolerance = options.tolerance ?? DEFAULT_STATIONARY_TOLERANCE;
    this.maxMatvecs = options.maxMatvecs ?? Math.max(40, Math.ceil(n / 10));
    this.components = new SupportComponents(n);
    this.members = new Int32Array(n);
    this.scratch = new Float64Array(n);
    this.recurrent = new Uint8Array(n);
    // The n² GTH table is only needed up front when GTH is the main method; the iterative path
    // allocates it on its first fallback.
    this.work = this.useIterative ? undefined : new Float64Array(n * n);
    this.krylov = this.useIterative ? new KrylovStationary(n, options.restart) : undefined;
  }

  solve(kernel: Float64Array, out: Float64Array, warmStart?: Float64Array): Float64Array {
    checkStochasticKernel(kernel, this.n);
    if (!(out instanceof Float64Array) || out.length < this.n) {
      throw new MfkitError("invalid-shape", `the output must be a Float64Array of length ≥ ${this.n}`, [
        "out",
      ]);
    }
    if (warmStart !== undefined && (!(warmStart instanceof Float64Array) || warmStart.length !== this.n)) {
      throw new MfkitError("invalid-shape", `the warm start must be a Float64Array of length ${this.n}`, [
        "warmStart",
      ]);
    }
    return this.solveUnchecked(kernel, out, warmStart);
  }

  solveUnchecked(kernel: Float64Array, out: Float64Array, warmStart?: Float64Array): Float64Array {
    const info = this.lastSolve;
    info.matvecs = 0;
    info.fellBack = false;
    if (this.krylov !== undefined) {
      // The structure of the last analysed kernel is reused while the support is unchanged: the first kernel
      // product of the solve compares the supports on the fly, at a small fraction of an analysis's cost.
      const analysedNow = !this.structureKnown;
      if (analysedNow) this.analyse(kernel);
      const krylov = this.krylov;
      let outcome = krylov.solve(
        kernel,
        out,
        warmStart,
        this.tolerance,
        this.maxMatvecs,
        this.recurrentMask,
        analysedNow ? undefined : this.support,
      );
      if (outcome.supportChanged) {
        this.analyse(kernel);
        outcome = krylov.solve(kernel, out, warmStart, this.tolerance, this.maxMatvecs, this.recurrentMask);
      }
      info.matvecs = outcome.matvecs;
      if (outcome.converged) {
        info.method = "iterative";
        return out;
      }
      info.fellBack = true;
      return this.solveByElimination(kernel, out, true);
    }
    return this.solveByElimination(kernel, out, false);
  }

  /**
   * Structure analysis for the iterative path: classes, support flags, transient mask. Throws for ≥ 2 closed
   * classes (and then forgets the structure, so the next solve analyses again).
   */
  private analyse(kernel: Float64Array): void {
    const { n, components } = this;
    this.structureKnown = false;
    components.run(kernel);
    if (components.closedCount >= 2) throw reducibleChainError(components.structure());
    let support = this.support;
    if (support === undefined) support = this.support = new Uint8Array(n * n);
    writeSupport(kernel, n, support);
    if (components.count > 1) {
      const mask = (this.recurrentMask = this.recurrent);
      for (let v = 0; v < n; v++) mask[v] = components.closed[components.component[v]];
    } else {
      this.recurrentMask = undefined;
    }
    this.structureKnown = true;
  }

  /** GTH on the whole chain; on a failing pivot, the structure decides (unichain, error). */
  private solveByElimination(kernel: Float64Array, out: Float64Array, structureKnown: boolean): Float64Array {
    const n = this.n;
    const components = this.components;
    let work = this.work;
    if (work === undefined) work = this.work = new Float64Array(n * n);
    if (!structureKnown || components.count === 1) {
      copyKernel(kernel, work, n);
      const failed = gthInPlace(work, n, out, 0, true);
      if (failed === -1) return this.finish(out, "gth");
      if (!structureKnown) components.run(kernel);
      if (components.count === 1) {
        // Irreducible with a subnormal pivot: GTH stays valid, only precision is at stake.
        copyKernel(kernel, work, n);
        if (gthInPlace(work, n, out, 0, false) !== -1) throw singular(failed);
        return this.finish(out, "gth");
      }
    }
    if (components.closedCount >= 2) throw reducibleChainError(components.structure());
    // Unichain: GTH on the closed class, zero on the transient states.
    const members = this.members;
    let m = 0;
    for (let v = 0; v < n; v++) if (components.closed[components.component[v]] === 1) members[m++] = v;
    copySubKernel(kernel, n, members, m, work);
    const sub = this.scratch;
    if (gthInPlace(work, m, sub, 0, true) !== -1) {
      copySubKernel(kernel, n, members, m, work);
      const failed = gthInPlace(work, m, sub, 0, false);
      if (failed !== -1) throw singular(members[failed]);
    }
    out.fill(0, 0, n);
    for (let a = 0; a < m; a++) out[members[a]] = sub[a];
    return this.finish(out, "gth-closed-class");
  }

  private finish(out: Float64Array, method: StationarySolveInfo["method"]): Float64Array {
    for (let v = 0; v < this.n; v++) {
      if (!Number.isFinite(out[v])) {
        throw new MfkitError(
          "non-finite",
          `the stationary solve produced a non-finite value at state ${v} (kernel too close to reducible)`,
          ["kernel"],
        );
      }
    }
    this.lastSolve.method = method;
    return out;
  }
}

function singular(state: number): MfkitError {
  return new MfkitError(
    "singular-system",
    `GTH pivot of state ${state} underflowed to 0 although the chain is irreducible`,
    ["kernel"],
    { state },
  );
}

/**
 * Creates a solver for n×n kernels with its workspaces (O(n²) for GTH, O(n·restart) for the iterative
 * method). Each `solve` then allocates nothing.
 */
export function createStationarySolver(n: number, options: StationarySolverOptions = {}): StationarySolver {
  if (!Number.isInteger(n) || n < 1) {
    throw new MfkitError("invalid-argument", `the state count must be a positive integer, got ${n}`, ["n"]);
  }
  const method = options.method ?? "auto";
  if (method !== "auto" && method !== "gth" && method !== "iterative") {
    throw new MfkitError("invalid-argument", `unknown method ${String(method)}`, ["options", "method"]);
  }
  const tolerance = options.tolerance;
  if (tolerance !== undefined && !(tolerance > 0 && Number.isFinite(tolerance))) {
    throw new MfkitError("invalid-argument", `the tolerance must be positive and finite, got ${tolerance}`, [
      "options",
      "tolerance",
    ]);
  }
  const maxMatvecs = options.maxMatvecs;
  if (maxMatvecs !== undefined && !(Number.isInteger(maxMatvecs) && maxMatvecs >= 1)) {
    throw new MfkitError("invalid-argument", `maxMatvecs must be a positive integer, got ${maxMatvecs}`, [
      "options",
      "maxMatvecs",
    ]);
  }
  return new Solver(n, options);
}

/** work ← the first n² entries of kernel (no subarray view, so nothing is allocated). */
function copyKernel(kernel: Float64Array, work: Float64Array, n: number): void {
  if (kernel.length === n * n) work.set(kernel);
  else for (let i = 0; i < n * n; i++) work[i] = kernel[i];
}

/** work ← the m×m restriction of the n×n kernel to the states `members[0 … m−1]`. */
function copySubKernel(
  kernel: Float64Array,
  n: number,
  members: Int32Array,
  m: number,
  work: Float64Array,
): void {
  for (let a = 0; a < m; a++) {
    const row = members[a] * n;
    for (let b = 0; b < m; b++) work[a * m + b] = kernel[row + members[b]];
  }
}

/**
 * One-shot stationary law of a finite chain.
 */
import { createStationarySolver } from "./stationary-solver.js";

/**
 * The stationary law ν (νK = ν, Σν = 1, ν ≥ 0) of the chain with dense row-major n×n kernel `kernel`,
 * written into `out` (allocated if absent). Unique iff the chain has exactly one closed class: a unichain gets
 * ν = 0 on its transient states; two or more closed classes throw `MfkitError("reducible-chain")`.
 * Periodic chains are fine (aperiodicity is not needed). Validates the kernel. For repeated solves of the same
 * size, prefer {@link createStationarySolver}, which reuses its workspaces.
 */
export function stationaryDistribution(kernel: Float64Array, n: number, out?: Float64Array): Float64Array {
  const solver = createStationarySolver(n);
  return solver.solve(kernel, out ?? new Float64Array(n));
}

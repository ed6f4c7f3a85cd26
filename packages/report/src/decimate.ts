/**
 * Shape-preserving decimation of long series.
 *
 * Min–max bucketing: the interior indices 1..n−2 are cut into B equal buckets and, in each bucket,
 * the positions of the minimum and of the maximum of every given column are kept, together with the
 * first and last index. Every local extreme that dominates its bucket survives, so spikes, plateaus
 * and oscillation envelopes look the same at plotting resolution, and the global minimum and maximum
 * of every column are kept exactly. With k columns, B = ⌊(maxPoints − 2) / 2k⌋, so at most
 * `maxPoints` indices are returned (at least one bucket is always used, so the bound is really
 * max(maxPoints, 2 + 2k)).
 */

/** Default largest number of points kept per series. */
export const DEFAULT_MAX_POINTS = 2000;

/**
 * Returns the sorted indices (into `0..n−1`) to keep so that at most max(maxPoints, 2 + 2k) remain
 * (k = number of columns): all of them when `n` is within that bound, otherwise the first, the last and the per-bucket argmin/argmax of each column
 * in `columns` (each column has length ≥ n and holds finite numbers).
 */
export function decimationIndices(
  n: number,
  columns: ReadonlyArray<ArrayLike<number>>,
  maxPoints: number = DEFAULT_MAX_POINTS,
): number[] {
  const k = Math.max(1, columns.length);
  const limit = Math.max(2 + 2 * k, Math.floor(maxPoints));
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((limit - 2) / (2 * k)));
  const interior = n - 2;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets); // exclusive
    if (end <= start) continue;
    for (const column of columns) {
      let lo = start;
      let hi = start;
      for (let i = start + 1; i < end; i++) {
        const v = column[i];
        if (v < column[lo]) lo = i;
        if (v > column[hi]) hi = i;
      }
      keep[lo] = 1;
      keep[hi] = 1;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) out.push(i);
  return out;
}

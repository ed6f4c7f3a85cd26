/**
 * In-place LU decomposition with partial (row) pivoting, P·A = L·U, of a dense n×n row-major matrix,
 * and the matching triangular solves. Work arrays are supplied by the caller, so repeated
 * decompositions allocate nothing.
 */

/**
 * Overwrites `a` with L (unit lower, below the diagonal) and U (upper, on and above), and records in
 * `pivot[k]` the row swapped with row k at elimination step k. Returns false when a pivot is exactly
 * zero or not finite (singular or non-finite matrix); `a` is then unusable.
 */
export function luFactor(a: Float64Array, n: number, pivot: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    // Pivot: the largest |a[i][k]| for i ≥ k.
    let p = k;
    let max = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    pivot[k] = p;
    if (max === 0 || !Number.isFinite(max)) return false;
    if (p !== k) {
      const rk = k * n;
      const rp = p * n;
      for (let j = 0; j < n; j++) {
        const tmp = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = tmp;
      }
    }
    const rk = k * n;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const m = a[ri + k] * inv;
      a[ri + k] = m;
      if (m !== 0) for (let j = k + 1; j < n; j++) a[ri + j] -= m * a[rk + j];
    }
  }
  return true;
}

/** Solves A·x = b in place (`b` becomes x) with the factors from {@link luFactor}. */
export function luSolve(lu: Float64Array, n: number, pivot: Int32Array, b: Float64Array): void {
  // Apply the row swaps, then forward substitution with unit L.
  for (let k = 0; k < n; k++) {
    const p = pivot[k];
    if (p !== k) {
      const tmp = b[k];
      b[k] = b[p];
      b[p] = tmp;
    }
  }
  for (let i = 1; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let j = 0; j < i; j++) s -= lu[ri + j] * b[j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= lu[ri + j] * b[j];
    b[i] = s / lu[ri + i];
  }
}

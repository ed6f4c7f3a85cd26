/** Log-space helpers for the multiplicative solvers (Munchausen, prior descent, PMD). */

/** out = log(p) elementwise (log 0 = −∞). */
export function logInto(p: Float64Array, out: Float64Array): void {
  for (let i = 0; i < p.length; i++) out[i] = Math.log(p[i]!);
}

/** Shifts each row of ζ by its log-sum-exp, so that exp(ζ) is a probability row (softmax invariance). */
export function normalizeLogits(zeta: Float64Array, rows: number, A: number): void {
  for (let row = 0; row < rows; row++) {
    const base = row * A;
    let m = -Infinity;
    for (let a = 0; a < A; a++) if (zeta[base + a]! > m) m = zeta[base + a]!;
    let sum = 0;
    for (let a = 0; a < A; a++) sum += Math.exp(zeta[base + a]! - m);
    const lse = m + Math.log(sum);
    for (let a = 0; a < A; a++) zeta[base + a]! -= lse;
  }
}

/**
 * {@link normalizeLogits} followed by π = softmax(ζ) of the shifted rows, with the same bits as
 * `normalizeLogits(ζ, rows, A)` then `softmaxInto(ζ, rows, A, 1, out)` (ζ and π), computing most
 * exponentials once instead of twice. The softmax needs exp(ζ'_a − max ζ') with ζ' = ζ − lse; the
 * shift needed exp(ζ_a − max ζ). The two arguments are usually the same double (the shift is exact
 * unless it rounds), and then the exponential is reused; otherwise it is recomputed.
 * max ζ' = fl(max ζ − lse), since rounding x ↦ fl(x − lse) is monotone.
 */
export function normalizeLogitsSoftmax(zeta: Float64Array, rows: number, A: number, out: Float64Array): void {
  for (let row = 0; row < rows; row++) {
    const base = row * A;
    let m = -Infinity;
    for (let a = 0; a < A; a++) if (zeta[base + a]! > m) m = zeta[base + a]!;
    let sum = 0;
    for (let a = 0; a < A; a++) {
      const e = Math.exp(zeta[base + a]! - m);
      out[base + a] = e;
      sum += e;
    }
    const lse = m + Math.log(sum);
    const mShifted = m - lse;
    let total = 0;
    for (let a = 0; a < A; a++) {
      const z = zeta[base + a]!;
      const shifted = z - lse;
      zeta[base + a] = shifted;
      const d = shifted - mShifted;
      const e = d === z - m ? out[base + a]! : Math.exp(d);
      out[base + a] = e;
      total += e;
    }
    for (let a = 0; a < A; a++) out[base + a]! /= total;
  }
}

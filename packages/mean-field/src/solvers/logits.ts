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

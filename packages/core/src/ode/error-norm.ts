/**
 * The weighted RMS error norm of Hairer, Nørsett & Wanner (Solving ODEs I, §II.4):
 *
 *     ‖e‖ = sqrt( (1/n) Σ_i (e_i / sc_i)² ),   sc_i = atol_i + rtol · max(|y_i|, |ŷ_i|),
 *
 * where y is the state at the start of the step and ŷ the candidate at its end. A step is accepted
 * when ‖e‖ ≤ 1. NaN in any input propagates to the result.
 */
export function scaledRmsNorm(
  err: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  atol: Float64Array,
  rtol: number,
): number {
  const n = err.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(y[i]);
    const b = Math.abs(yNew[i]);
    const sc = atol[i] + rtol * Math.max(a, b);
    const r = err[i] / sc;
    sum += r * r;
  }
  return Math.sqrt(sum / n);
}

/** max_i |y_i|, or NaN when some component is NaN (±Infinity gives Infinity). */
export function maxNorm(y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    const a = Math.abs(y[i]);
    if (a > m) m = a;
    else if (Number.isNaN(a)) return Number.NaN;
  }
  return m;
}

/** True when every component is finite. */
export function allFinite(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) return false;
  return true;
}

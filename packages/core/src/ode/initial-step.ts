/**
 * Automatic first step size (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4, "starting step size"):
 *
 *     d0 = ‖y0‖, d1 = ‖f(t0, y0)‖                         (weighted RMS norms, sc = atol + rtol·|y0|)
 *     h0 = 0.01·d0/d1  (1e-6 if d0 or d1 < 1e-5)
 *     d2 = ‖f(t0 + h0, y0 + h0·f0) − f0‖ / h0             (estimate of the second derivative)
 *     h1 = (0.01 / max(d1, d2))^(1/(p+1))  (max(1e-6, 1e-3·h0) if max(d1, d2) ≤ 1e-15)
 *     h  = min(100·h0, h1, hmax)
 *
 * where p + 1 is the order of the local error. One extra right-hand-side call.
 */
import type { OdeRhs } from "./types.js";

/**
 * Hairer's starting step size (formulas above) for a local error of order `localOrder` = p + 1, capped at
 * `hMax`; `scratchY` and `scratchF` (length n) hold y0 + h0·f0 and f there.
 */
export function initialStepSize(
  rhs: OdeRhs,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  atol: Float64Array,
  rtol: number,
  localOrder: number,
  hMax: number,
  scratchY: Float64Array,
  scratchF: Float64Array,
): number {
  const n = y0.length;
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol[i] + rtol * Math.abs(y0[i]);
    d0 += (y0[i] / sc) ** 2;
    d1 += (f0[i] / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, hMax);
  for (let i = 0; i < n; i++) scratchY[i] = y0[i] + h0 * f0[i];
  rhs(t0 + h0, scratchY, scratchF);
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol[i] + rtol * Math.abs(y0[i]);
    d2 += ((scratchF[i] - f0[i]) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / n) / h0;
  if (!Number.isFinite(d2)) return h0;
  const d = Math.max(d1, d2);
  const h1 = d <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / d) ** (1 / localOrder);
  return Math.min(100 * h0, h1, hMax);
}

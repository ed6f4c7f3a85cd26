/**
 * Closed-form references for the ODE tests (not exported from the package): the exponential of a
 * real 2×2 matrix, and fixed-step drivers of the adaptive steppers for order checks.
 */
import type { AdaptiveStepper } from "./adaptive.js";

/**
 * exp(A·t)·y0 for a real 2×2 matrix A = [[a, b], [c, d]] (row-major), from A = s·I + B with s = tr/2
 * and B traceless, B² = δ·I with δ = −det B:
 *
 *     exp(At) = e^{st} (C(t)·I + S(t)·B),  C = cosh(√δ t), S = sinh(√δ t)/√δ   (δ > 0)
 *                                          C = cos(√−δ t), S = sin(√−δ t)/√−δ (δ < 0)
 *
 * with the series of S near δ = 0.
 */
export function expm2x2Apply(A: readonly number[], t: number, y0: readonly number[]): [number, number] {
  const [a, b, c, d] = A;
  const s = (a + d) / 2;
  const b11 = a - s;
  const b22 = d - s;
  const delta = -(b11 * b22 - b * c);
  const x = delta * t * t;
  // eC = e^{st}·C(t), eS = e^{st}·S(t); for δ > 0 written with e^{(s±r)t} so that large |s|t cannot
  // produce 0·∞.
  let eC: number;
  let eS: number;
  if (Math.abs(x) < 1e-6) {
    // Series: cosh(z) = 1 + z²/2 + z⁴/24, sinh(z)/z = 1 + z²/6 + z⁴/120 with z² = δt².
    const e = Math.exp(s * t);
    eC = e * (1 + x / 2 + (x * x) / 24);
    eS = e * t * (1 + x / 6 + (x * x) / 120);
  } else if (delta > 0) {
    const r = Math.sqrt(delta);
    const ep = Math.exp((s + r) * t);
    const em = Math.exp((s - r) * t);
    eC = 0.5 * (ep + em);
    eS = (ep - em) / (2 * r);
  } else {
    const r = Math.sqrt(-delta);
    const e = Math.exp(s * t);
    eC = e * Math.cos(r * t);
    eS = (e * Math.sin(r * t)) / r;
  }
  const m11 = eC + eS * b11;
  const m12 = eS * b;
  const m21 = eS * c;
  const m22 = eC + eS * b22;
  return [m11 * y0[0] + m12 * y0[1], m21 * y0[0] + m22 * y0[1]];
}

/** Runs `steps` fixed steps of size h with an adaptive stepper, ignoring its error estimate. */
export function fixedSteps(
  stepper: AdaptiveStepper,
  t0: number,
  y0: Float64Array,
  h: number,
  steps: number,
): { y: Float64Array; maxError: number } {
  stepper.begin(t0, y0);
  let maxError = 0;
  for (let k = 0; k < steps; k++) {
    maxError = Math.max(maxError, stepper.attempt(h));
    stepper.accept(t0 + (k + 1) * h);
  }
  return { y: Float64Array.from(stepper.y), maxError };
}

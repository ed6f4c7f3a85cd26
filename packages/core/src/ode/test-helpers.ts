/**
 * Shared references for the ODE tests (not exported from the package): the exponential of a real 2×2
 * matrix, fixed-step drivers of the adaptive steppers for order checks, and a tolerance-proportionality run.
 */
import type { AdaptiveStepper } from "./adaptive.js";
import { solveOde } from "./solve.js";
import type { OdeMethod, OdeRhs } from "./types.js";

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

/** A smooth non-autonomous nonlinear test problem for order checks: y1' = −y1² + sin t, y2' = y1 − y2/2. */
export const orderTestRhs: OdeRhs = (t, y, d) => {
  d[0] = -y[0] * y[0] + Math.sin(t);
  d[1] = y[0] - 0.5 * y[1];
};
const orderTestY0 = Float64Array.from([1, 0.5]);

/**
 * Observed orders of a stepper on {@link orderTestRhs}:
 * - `global`: log2 of the error ratios at t = 1 for 16, 32 and 64 fixed steps (against 2048 steps);
 * - `estimate`: log2 of the ratio of the embedded error estimates of one step of size h and h/2;
 * - `dense`: the same for the dense output at 0.4·h (against 64 tiny fixed steps).
 * A method of order p gives global ≈ p, estimate ≈ q + 1 (q the embedded order), dense ≈ p* + 1.
 */
export function observedOrders(
  make: () => AdaptiveStepper,
  h: number,
): { global: number[]; estimate: number; dense: number } {
  const ref = fixedSteps(make(), 0, orderTestY0, 1 / 2048, 2048).y;
  const err = (steps: number) => {
    const y = fixedSteps(make(), 0, orderTestY0, 1 / steps, steps).y;
    return Math.hypot(y[0] - ref[0], y[1] - ref[1]);
  };
  const e = [err(16), err(32), err(64)];
  const one = (step: number) => {
    const s = make();
    s.begin(0, orderTestY0);
    const est = s.attempt(step);
    s.accept(step);
    const mid = new Float64Array(2);
    s.interpolate(0.4 * step, mid);
    const exact = fixedSteps(make(), 0, orderTestY0, (0.4 * step) / 64, 64).y;
    return { est, dense: Math.hypot(mid[0] - exact[0], mid[1] - exact[1]) };
  };
  const a = one(h);
  const b = one(h / 2);
  return {
    global: [Math.log2(e[0] / e[1]), Math.log2(e[1] / e[2])],
    estimate: Math.log2(a.est / b.est),
    dense: Math.log2(a.dense / b.dense),
  };
}

/** The pendulum θ'' = −sin θ as a first-order system (y1 = θ, y2 = θ'). */
const pendulumRhs: OdeRhs = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -Math.sin(y[0]);
};

/**
 * Tolerance proportionality on a nonlinear problem: the end-point errors of `method` on the pendulum from
 * (2, 0) over [0, 20] at rtol = atol = 1e-5, 1e-7 and 1e-9, against dopri5 at 1e-13 (a far tighter run, and
 * a second method when `method` is not dopri5).
 */
export function pendulumToleranceErrors(method: OdeMethod): [number, number, number] {
  const end = (tol: number, m: OdeMethod) => {
    const sol = solveOde(pendulumRhs, [0, 20], [2, 0], { method: m, rtol: tol, atol: tol });
    return sol.y[sol.y.length - 1];
  };
  const ref = end(1e-13, "dopri5");
  const error = (tol: number) => {
    const y = end(tol, method);
    return Math.hypot(y[0] - ref[0], y[1] - ref[1]);
  };
  return [error(1e-5), error(1e-7), error(1e-9)];
}

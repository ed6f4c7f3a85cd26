/**
 * The standard normal CDF Φ and its inverse.
 *
 * Φ is computed from erf/erfc written for this purpose: for z = |x|/√2 ≤ 3 the all-positive series
 * erf z = (2/√π) e^{−z²} Σ_n 2ⁿ z^{2n+1}/(1·3···(2n+1)) (no cancellation), for z > 3 the continued fraction
 * erfc z = (e^{−z²}/√π) / (z + (1/2)/(z + 1/(z + (3/2)/(z + …)))) evaluated by the modified Lentz method.
 * The quantile starts from Acklam's rational approximation (relative error < 1.2·10⁻⁹) and is polished by
 * Newton steps on log Φ(x) = log p, whose accuracy is then that of log Φ (≈ 10⁻¹⁵ relative).
 */
import { MfkitError } from "../errors.js";

const SQRT1_2 = Math.SQRT1_2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf(z) for 0 ≤ z ≤ 3 by the positive series. */
function erfSeries(z: number): number {
  const z2 = 2 * z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= z2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
}

/** log(√π e^{z²} erfc z) for z > 3, from the continued fraction (Lentz). */
function logScaledErfcFraction(z: number): number {
  // erfc z = (e^{−z²}/√π) · 1/(z + a₁/(z + a₂/(z + …))), a_k = k/2.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    d = d === 0 ? tiny : d;
    c = z + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -Math.log(f);
}

/** log Φ(x), accurate in relative terms in both tails (x down to about −10¹⁵⁰). */
export function logNormalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) * SQRT1_2;
  if (z <= 3) {
    const e = erfSeries(z);
    return Math.log(x >= 0 ? 0.5 + 0.5 * e : 0.5 - 0.5 * e);
  }
  // ½ erfc(z) = ½ e^{−z²} (1/√π) F(z).
  const logTail = -z * z - 0.5 * Math.log(Math.PI) + logScaledErfcFraction(z) - Math.LN2;
  return x > 0 ? Math.log1p(-Math.exp(logTail)) : logTail;
}

/** Φ(x) = P(Z ≤ x) for Z ~ N(0, 1), with small relative error in the lower tail. */
export function normalCdf(x: number): number {
  return Math.exp(logNormalCdf(x));
}

// Acklam's rational approximation to Φ⁻¹ (central region and tails).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * Φ⁻¹(p), the standard normal quantile: the x with Φ(x) = p, for p ∈ [0, 1] (±∞ at the ends).
 * For p ≤ ½ it refines Acklam's approximation by Newton's method on g(x) = log Φ(x) − log p
 * (g′(x) = φ(x)/Φ(x)); for p > ½ it uses Φ⁻¹(p) = −Φ⁻¹(1 − p), where 1 − p is exact. Absolute error below 10⁻¹²
 * on the tested range (p from 10⁻³⁰⁰ to 1 − 10⁻¹⁶). Throws "invalid-probability" outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new MfkitError("invalid-probability", `a probability in [0, 1] is needed, got ${p}`, ["p"]);
  }
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  let x = acklam(p);
  const logP = Math.log(p);
  for (let iteration = 0; iteration < 8; iteration++) {
    const logPhi = logNormalCdf(x);
    // g′ = φ/Φ = exp(log φ − log Φ).
    const slope = Math.exp(-0.5 * x * x - LOG_SQRT_2PI - logPhi);
    const step = (logPhi - logP) / slope;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

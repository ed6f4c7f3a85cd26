/**
 * Comparison of a Monte-Carlo mean path with a reference (ODE) path through confidence bands.
 */
import { MfkitError } from "../errors.js";
import { normalQuantile } from "./normal-quantile.js";

/** Result of {@link compareWithBand}. */
export interface BandComparison {
  times: number[];
  /** Per time, max over components |mean − reference|. */
  supDistance: number[];
  /** Per time, max over components of the CI half-width z·std/√runs. */
  halfWidth: number[];
  /** Fraction of (time, component) pairs whose reference value lies in the mean's confidence interval. */
  fractionInside: number;
  /** max over times of supDistance. */
  overallSup: number;
}

/**
 * Compares the across-run mean m_k (with across-run standard deviation s_k over `runs` runs) with the
 * reference r_k at each time t_k. Component c at time k has the normal-approximation confidence interval
 * m_k,c ± z s_k,c/√runs with z = Φ⁻¹((1 + confidence)/2); the reference is inside when
 * |m_k,c − r_k,c| ≤ z s_k,c/√runs (plus a rounding allowance of 10⁻¹² relative, so that a zero-spread component
 * equal to its reference counts as inside). If the mean path estimates the reference path, about `confidence`
 * of the pairs fall inside. Needs runs ≥ 2; all series must have the same length and each vector the same size.
 */
export function compareWithBand(
  meanSeries: ArrayLike<number>[],
  stdSeries: ArrayLike<number>[],
  runs: number,
  reference: ArrayLike<number>[],
  times: number[],
  confidence = 0.95,
): BandComparison {
  const steps = times.length;
  if (meanSeries.length !== steps || stdSeries.length !== steps || reference.length !== steps) {
    throw new MfkitError(
      "invalid-shape",
      `series lengths differ: ${meanSeries.length} means, ${stdSeries.length} stds, ${reference.length} references, ${steps} times`,
      [],
    );
  }
  if (!(Number.isInteger(runs) && runs >= 2)) {
    throw new MfkitError("invalid-argument", `a confidence band needs runs ≥ 2, got ${runs}`, ["runs"]);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new MfkitError("invalid-argument", `confidence must lie in (0, 1), got ${confidence}`, [
      "confidence",
    ]);
  }
  const z = normalQuantile(0.5 + confidence / 2);
  const scale = z / Math.sqrt(runs);
  const supDistance: number[] = [];
  const halfWidth: number[] = [];
  let inside = 0;
  let pairs = 0;
  let overallSup = 0;
  for (let k = 0; k < steps; k++) {
    const m = meanSeries[k]!;
    const s = stdSeries[k]!;
    const r = reference[k]!;
    if (s.length !== m.length || r.length !== m.length) {
      throw new MfkitError(
        "invalid-shape",
        `at time index ${k}: sizes ${m.length}, ${s.length}, ${r.length}`,
        [k],
      );
    }
    let sup = 0;
    let width = 0;
    for (let c = 0; c < m.length; c++) {
      const mean = m[c]!;
      const ref = r[c]!;
      const std = s[c]!;
      if (!Number.isFinite(mean) || !Number.isFinite(ref) || !(std >= 0 && std < Number.POSITIVE_INFINITY)) {
        throw new MfkitError(
          "non-finite",
          `at time index ${k}, component ${c}: mean ${mean}, std ${std}, reference ${ref}`,
          [k, c],
        );
      }
      const distance = Math.abs(mean - ref);
      const hw = scale * std;
      if (distance > sup) sup = distance;
      if (hw > width) width = hw;
      if (distance <= hw + 1e-12 * Math.max(Math.abs(mean), Math.abs(ref))) inside++;
      pairs++;
    }
    supDistance.push(sup);
    halfWidth.push(width);
    if (sup > overallSup) overallSup = sup;
  }
  return {
    times: times.slice(),
    supDistance,
    halfWidth,
    fractionInside: pairs === 0 ? 1 : inside / pairs,
    overallSup,
  };
}

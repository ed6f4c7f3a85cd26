/**
 * The few statistical tools the TMF checks need: the χ² survival function (regularised upper
 * incomplete gamma Q(k/2, x/2)), a χ² goodness-of-fit test against an exact pmf with tail pooling,
 * a two-sample χ² homogeneity test on integer-valued samples, a two-sample Kolmogorov–Smirnov
 * statistic, a mean with its normal confidence interval (core's `normalQuantile`), and an ordinary
 * least-squares slope with its standard error.
 */
import { normalQuantile } from "@mfkit/core";

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (series or Lentz continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(χ²_df > x). */
export function chiSquareSurvival(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Result of a χ² test. */
export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * χ² goodness of fit of integer samples to a pmf on the integers: cells with expected count below
 * `minExpected` are pooled with their neighbours (two tail cells plus the pooled body).
 */
export function chiSquareGoodnessOfFit(
  samples: ArrayLike<number>,
  pmf: (k: number) => number,
  support: [number, number],
  minExpected = 5,
): ChiSquareResult {
  const n = samples.length;
  const [lo, hi] = support;
  const size = hi - lo + 1;
  const observed = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const k = samples[i];
    observed[Math.min(size - 1, Math.max(0, k - lo))] += 1;
  }
  const expected = new Float64Array(size);
  let covered = 0;
  for (let k = lo; k <= hi; k++) {
    expected[k - lo] = pmf(k) * n;
    covered += expected[k - lo];
  }
  // Put the mass outside [lo, hi] into the end cells (samples there were clamped to them).
  const below = (n - covered) / 2;
  expected[0] += below;
  expected[size - 1] += n - covered - below;
  let statistic = 0;
  let cells = 0;
  let accO = 0;
  let accE = 0;
  for (let i = 0; i < size; i++) {
    accO += observed[i];
    accE += expected[i];
    if (accE >= minExpected) {
      statistic += ((accO - accE) * (accO - accE)) / accE;
      cells += 1;
      accO = 0;
      accE = 0;
    }
  }
  if (accE > 0) statistic += ((accO - accE) * (accO - accE)) / Math.max(accE, 1e-300);
  if (accE > 0) cells += 1;
  const df = Math.max(1, cells - 1);
  return { statistic, degreesOfFreedom: df, pValue: chiSquareSurvival(statistic, df) };
}

/**
 * Two-sample χ² homogeneity test on integer-valued samples: values are pooled into cells of the
 * combined sample so that every cell has a combined count ≥ `minCount`.
 */
export function chiSquareTwoSample(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  minCount = 10,
): ChiSquareResult {
  const values: Array<[number, number]> = [];
  for (let i = 0; i < first.length; i++) values.push([first[i], 0]);
  for (let i = 0; i < second.length; i++) values.push([second[i], 1]);
  values.sort((x, y) => x[0] - y[0]);
  const n1 = first.length;
  const n2 = second.length;
  const total = n1 + n2;
  const cells: Array<[number, number]> = [];
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i][1] === 0) c1 += 1;
    else c2 += 1;
    const boundary = i + 1 === values.length || values[i + 1][0] !== values[i][0];
    if (boundary && c1 + c2 >= minCount && total - i - 1 >= minCount) {
      cells.push([c1, c2]);
      c1 = 0;
      c2 = 0;
    }
  }
  if (c1 + c2 > 0) {
    if (cells.length > 0) {
      const lastCell = cells[cells.length - 1];
      lastCell[0] += c1;
      lastCell[1] += c2;
    } else cells.push([c1, c2]);
  }
  let statistic = 0;
  for (const [a, b] of cells) {
    const m = a + b;
    const e1 = (m * n1) / total;
    const e2 = (m * n2) / total;
    statistic += ((a - e1) * (a - e1)) / e1 + ((b - e2) * (b - e2)) / e2;
  }
  const df = Math.max(1, cells.length - 1);
  return { statistic, degreesOfFreedom: df, pValue: chiSquareSurvival(statistic, df) };
}

/** Mean and standard error of the mean of a sample, and a two-sided normal confidence interval. */
export function meanWithInterval(
  values: ArrayLike<number>,
  confidence = 0.95,
): { mean: number; standardError: number; low: number; high: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const standardError = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  const z = normalQuantile(0.5 + confidence / 2);
  return { mean, standardError, low: mean - z * standardError, high: mean + z * standardError };
}

/** Ordinary least squares y ≈ intercept + slope·x, with the slope's standard error. */
export function linearFit(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { slope: number; intercept: number; slopeStandardError: number } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - intercept - slope * x[i]) ** 2;
  const slopeStandardError = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : 0;
  return { slope, intercept, slopeStandardError };
}

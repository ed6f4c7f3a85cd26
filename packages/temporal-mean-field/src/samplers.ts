/**
 * Exact samplers for the count-based simulator: binomial, hypergeometric, multinomial and
 * multivariate hypergeometric, each with an expected cost bounded independently of the population
 * size (counts up to 2^53 are represented exactly as doubles).
 *
 * Algorithms (written from the published descriptions):
 * - Binomial(n, p): by symmetry p ≤ 1/2. If n·p < 10, sequential inversion from 0 using the pmf ratio
 *   f(k+1)/f(k) = (n−k)p / ((k+1)q) (expected n·p + 1 steps). Otherwise Hörmann's BTRS (1993),
 *   transformed rejection with a squeeze: a hat of the form (a/u_s² + b) over u ∈ (−½, ½), an
 *   acceptance region v ≤ v_r that needs no logarithm, and otherwise the exact test
 *   ln v ≤ ln f(k) − ln f(m). Expected uniforms per draw ≈ 2.3 for any n.
 * - Hypergeometric(total, good, sample): reduced by symmetry to good ≤ total/2 and sample ≤ total/2.
 *   Mean < 10: inversion from 0 with the pmf ratio. Otherwise Stadlober's ratio-of-uniforms HRUA
 *   (1989, 1990): a table-mountain hat centred at mean + ½ with scale 2√(2/e)·σ' + 3 − 2√(3/e),
 *   squeezes X(4 − X) − 3 ≤ T and X(X − T) ≥ 1, exact test 2 ln X ≤ T. The hat is truncated at
 *   mean + 16σ', which drops a tail of mass < e^{−100}.
 * - Multinomial: conditional binomials, n_i ~ Bin(n − Σ_{j<i} n_j, p_i / Σ_{j≥i} p_j); for n ≤ 8,
 *   n categorical draws by inversion instead (same law, fewer logarithms).
 * - Multivariate hypergeometric (a uniform sample of size B from groups of sizes c_i): conditional
 *   hypergeometrics, k_i ~ HG(Σ_{j≥i} c_j, c_i, B − Σ_{j<i} k_j).
 *
 * Every log-pmf ratio uses {@link logFactorialDifference}, which computes ln a! − ln b! without the
 * cancellation of subtracting two numbers of size ~a ln a, so the acceptance tests stay accurate at
 * n = 10^9 and beyond.
 */
import { logFactorial, logFactorialDifference, MfkitError, type RandomStream } from "@mfkit/core";

function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new MfkitError("invalid-argument", `${name} must be an integer in [0, 2^53), got ${value}`, [name]);
  }
}

/** The binomial pmf P(X = k) for X ~ Bin(n, p) (for tests and χ² checks). */
export function binomialPmf(n: number, p: number, k: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(
    logFactorialDifference(n, k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p),
  );
}

/** The hypergeometric pmf: P(k good in a uniform `sample`-subset of `total` items, `good` of them good). */
export function hypergeometricPmf(total: number, good: number, sample: number, k: number): number {
  const bad = total - good;
  if (k < Math.max(0, sample - bad) || k > Math.min(good, sample)) return 0;
  // C(good, k) C(bad, sample − k) / C(total, sample)
  const logValue =
    logFactorialDifference(good, good - k) -
    logFactorial(k) +
    logFactorialDifference(bad, bad - sample + k) -
    logFactorial(sample - k) -
    logFactorialDifference(total, total - sample) +
    logFactorial(sample);
  return Math.exp(logValue);
}

function binomialInversion(n: number, p: number, random: RandomStream): number {
  const q = 1 - p;
  const ratio = p / q;
  const start = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = random.next();
    let f = start;
    let k = 0;
    while (u > f) {
      u -= f;
      k += 1;
      if (k > n) break;
      f *= ((n - k + 1) / k) * ratio;
    }
    if (k <= n) return k;
  }
}

function binomialBtrs(n: number, p: number, random: RandomStream): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = random.next() - 0.5;
    let v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = (v * alpha) / (a / (us * us) + b);
    const logRatio = logFactorialDifference(m, k) + logFactorialDifference(n - m, n - k) + (k - m) * lpq;
    if (Math.log(v) <= logRatio) return k;
  }
}

/** A draw from Bin(n, p). Exact; expected cost O(1) in n (see the module comment). */
export function sampleBinomial(n: number, p: number, random: RandomStream): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, random);
  if (n * p < 10) return binomialInversion(n, p, random);
  return binomialBtrs(n, p, random);
}

/** Checked version of {@link sampleBinomial} for public callers. */
export function sampleBinomialChecked(n: number, p: number, random: RandomStream): number {
  checkCount(n, "n");
  if (!(p >= 0 && p <= 1))
    throw new MfkitError("invalid-probability", `p must lie in [0, 1], got ${p}`, ["p"]);
  return sampleBinomial(n, p, random);
}

const D1 = 2 * Math.sqrt(2 / Math.E);
const D2 = 3 - 2 * Math.sqrt(3 / Math.E);

/** #minority items in a `sample`-subset, with minority ≤ total/2 and sample ≤ total/2. */
function hypergeometricReduced(
  total: number,
  minority: number,
  sample: number,
  random: RandomStream,
): number {
  if (minority === 0 || sample === 0) return 0;
  const majority = total - minority;
  const mean = (sample * minority) / total;
  const upper = Math.min(minority, sample);
  if (mean < 10) {
    const logStart =
      logFactorialDifference(majority, majority - sample) - logFactorialDifference(total, total - sample);
    const start = Math.exp(logStart);
    for (;;) {
      let u = random.next();
      let f = start;
      let k = 0;
      while (u > f && k < upper) {
        u -= f;
        f *= ((minority - k) * (sample - k)) / ((k + 1) * (majority - sample + k + 1));
        k += 1;
      }
      if (u <= f) return k;
    }
  }
  const centre = mean + 0.5;
  const variance = ((total - sample) * sample * (minority / total) * (majority / total)) / (total - 1);
  const scaleBase = Math.sqrt(variance + 0.5);
  const scale = D1 * scaleBase + D2;
  const mode = Math.floor(((sample + 1) * (minority + 1)) / (total + 2));
  const bound = Math.min(upper + 1, Math.floor(centre + 16 * scaleBase));
  for (;;) {
    const x = random.next();
    if (x === 0) continue;
    const y = random.next();
    const w = centre + (scale * (y - 0.5)) / x;
    if (!(w >= 0 && w < bound)) continue;
    const z = Math.floor(w);
    const t =
      logFactorialDifference(mode, z) +
      logFactorialDifference(minority - mode, minority - z) +
      logFactorialDifference(sample - mode, sample - z) +
      logFactorialDifference(majority - sample + mode, majority - sample + z);
    if (x * (4 - x) - 3 <= t) return z;
    if (x * (x - t) >= 1) continue;
    if (2 * Math.log(x) <= t) return z;
  }
}

/**
 * The number of good items in a uniform random `sample`-subset (without replacement) of `total`
 * items of which `good` are good. Exact; expected cost O(1) in `total`.
 */
export function sampleHypergeometric(
  total: number,
  good: number,
  sample: number,
  random: RandomStream,
): number {
  if (sample === 0 || good === 0) return 0;
  if (good === total) return sample;
  if (sample === total) return good;
  const flipSample = sample > total / 2;
  const s = flipSample ? total - sample : sample;
  const bad = total - good;
  const minority = Math.min(good, bad);
  const y = hypergeometricReduced(total, minority, s, random);
  const x = good <= bad ? y : s - y;
  return flipSample ? good - x : x;
}

/** Checked version of {@link sampleHypergeometric}. */
export function sampleHypergeometricChecked(
  total: number,
  good: number,
  sample: number,
  random: RandomStream,
): number {
  checkCount(total, "total");
  checkCount(good, "good");
  checkCount(sample, "sample");
  if (good > total)
    throw new MfkitError("invalid-argument", `good (${good}) exceeds total (${total})`, ["good"]);
  if (sample > total) {
    throw new MfkitError("invalid-argument", `sample (${sample}) exceeds total (${total})`, ["sample"]);
  }
  return sampleHypergeometric(total, good, sample, random);
}

/** Below this many items a multinomial is drawn item by item. */
const SMALL_MULTINOMIAL = 8;

/**
 * A multinomial draw of `n` items over the cells `probs[offset .. offset+length)` (which need not be
 * normalised exactly: the remainder goes to the last cell with positive weight). Writes the counts
 * into `out[outOffset ..]`.
 */
export function sampleMultinomial(
  n: number,
  probs: Float64Array,
  offset: number,
  length: number,
  out: Float64Array,
  outOffset: number,
  random: RandomStream,
): void {
  let mass = 0;
  let last = -1;
  for (let i = 0; i < length; i++) {
    out[outOffset + i] = 0;
    const p = probs[offset + i];
    if (p > 0) {
      mass += p;
      last = i;
    }
  }
  if (n === 0) return;
  if (last < 0) throw new MfkitError("invalid-probability", "multinomial cells have no positive weight", []);
  if (n <= SMALL_MULTINOMIAL) {
    // Few items: n independent categorical draws by inversion (exact, cheaper than binomials).
    for (let item = 0; item < n; item++) {
      let u = random.next() * mass;
      let cell = last;
      for (let i = 0; i < last; i++) {
        const p = probs[offset + i];
        if (!(p > 0)) continue;
        if (u < p) {
          cell = i;
          break;
        }
        u -= p;
      }
      out[outOffset + cell] += 1;
    }
    return;
  }
  let remaining = n;
  for (let i = 0; i < last && remaining > 0; i++) {
    const p = probs[offset + i];
    if (!(p > 0)) continue;
    const share = p / mass;
    const k = share >= 1 ? remaining : sampleBinomial(remaining, share, random);
    out[outOffset + i] = k;
    remaining -= k;
    mass -= p;
  }
  out[outOffset + last] += remaining;
}

/**
 * A uniform `sample`-subset drawn without replacement from groups of sizes `counts[0..length)`:
 * writes how many of each group are drawn into `out`.
 */
export function sampleMultivariateHypergeometric(
  counts: Float64Array,
  length: number,
  sample: number,
  out: Float64Array,
  random: RandomStream,
): void {
  let total = 0;
  for (let i = 0; i < length; i++) total += counts[i];
  let remaining = sample;
  for (let i = 0; i < length; i++) {
    const c = counts[i];
    if (remaining === 0 || c === 0) {
      out[i] = 0;
    } else if (c === total) {
      out[i] = remaining;
      remaining = 0;
    } else {
      const k = sampleHypergeometric(total, c, remaining, random);
      out[i] = k;
      remaining -= k;
    }
    total -= c;
  }
}

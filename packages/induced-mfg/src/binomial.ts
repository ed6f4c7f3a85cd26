/**
 * Binomial probability windows: the pmf of Bin(n, p) on the contiguous range of k where it exceeds
 * `eps` times its mode value, computed from the mode outwards with the ratio recurrence
 * b(k+1)/b(k) = (n−k)p / ((k+1)(1−p)). The mode value uses log-factorials.
 */

import { logFactorial, logFactorialDifference } from "@mfkit/core";

/** Scratch for the lower half of a window. */
let scratch = new Float64Array(64);
let up = new Float64Array(64);

/** A window [lo, lo + length) of binomial probabilities in `probs[0..length)`. */
export interface BinomialWindow {
  lo: number;
  length: number;
  probs: Float64Array;
  /** Probability mass left out of the window (≤ n·eps·mode roughly). */
  dropped: number;
}

/** Creates a window buffer for trials up to n. */
export function createBinomialWindow(n: number): BinomialWindow {
  return { lo: 0, length: 0, probs: new Float64Array(n + 1), dropped: 0 };
}

/** Fills `w` with the pmf of Bin(n, p) where it exceeds eps·max. */
export function binomialWindowInto(n: number, p: number, eps: number, w: BinomialWindow): BinomialWindow {
  if (w.probs.length < n + 1) w.probs = new Float64Array(n + 1);
  if (n === 0 || p <= 0) {
    w.lo = 0;
    w.length = 1;
    w.probs[0] = 1;
    w.dropped = 0;
    return w;
  }
  if (p >= 1) {
    w.lo = n;
    w.length = 1;
    w.probs[0] = 1;
    w.dropped = 0;
    return w;
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logMode =
    logFactorialDifference(n, mode) -
    logFactorial(n - mode) +
    mode * Math.log(p) +
    (n - mode) * Math.log1p(-p);
  const pm = Math.exp(logMode);
  const cut = eps * pm;
  const ratio = p / (1 - p);
  // Downwards (into scratch, reversed) and upwards (into probs after the mode) from the mode, the two
  // dependency chains interleaved in one loop.
  if (scratch.length < n + 1) scratch = new Float64Array(2 * (n + 1));
  if (up.length < n + 1) up = new Float64Array(2 * (n + 1));
  let lo = mode;
  let hiK = mode;
  let vDown = pm;
  let vUp = pm;
  let nLower = 0;
  let nUpper = 0;
  let downOpen = lo > 0;
  let upOpen = hiK < n;
  while (downOpen || upOpen) {
    if (downOpen) {
      vDown *= lo / ((n - lo + 1) * ratio); // the factor is off the dependency chain
      if (vDown < cut) downOpen = false;
      else {
        lo -= 1;
        scratch[nLower++] = vDown;
        if (lo === 0) downOpen = false;
      }
    }
    if (upOpen) {
      vUp *= ((n - hiK) * ratio) / (hiK + 1);
      if (vUp < cut) upOpen = false;
      else {
        hiK += 1;
        up[nUpper++] = vUp;
        if (hiK === n) upOpen = false;
      }
    }
  }
  let len = 0;
  for (let j = nLower - 1; j >= 0; j--) w.probs[len++] = scratch[j]!;
  w.probs[len++] = pm;
  for (let j = 0; j < nUpper; j++) w.probs[len++] = up[j]!;
  let total = 0;
  for (let j = 0; j < len; j++) total += w.probs[j]!;
  w.lo = lo;
  w.length = len;
  w.dropped = Math.max(0, 1 - total);
  return w;
}

const WIDE = 1e-24;
const wideA = createBinomialWindow(16);
const wideB = createBinomialWindow(16);
const memo = [-1, -1, -1, -1];

/**
 * The pmf of X + Y, X ~ Bin(n1, p), Y ~ Bin(n2, q) independent, on the window where it exceeds about
 * 1e-14 of a mode estimate (searched from ±8 standard deviations), written into `w`.
 *
 * The coefficients g_j of (a + bz)^{n1}(c + dz)^{n2} (a = 1 − p, b = p, c = 1 − q, d = q) satisfy
 *     (j+1)·a·c·g_{j+1} = g_j·[n1·b·c + n2·a·d − j(a·d + b·c)] + g_{j−1}·b·d·(n1 + n2 − j + 1),
 * which is stable when run from the tails towards the mode (the wanted solution grows in that
 * direction). Two exact seeds at each end (direct sums over binomial windows cut at 1e-24 of their
 * modes) start the recursion from both sides; the two halves meet at the centre and must agree to
 * 1e-9, otherwise (and for small windows) the direct convolution is used. O(window) per call.
 */
export function binomialSumInto(
  n1: number,
  p: number,
  n2: number,
  q: number,
  w: BinomialWindow,
): BinomialWindow {
  const n = n1 + n2;
  if (w.probs.length < n + 1) w.probs = new Float64Array(n + 1);
  // Consecutive calls often share one factor (the two deviator states of one count state).
  if (n1 !== memo[0] || p !== memo[1]) {
    binomialWindowInto(n1, p, WIDE, wideA);
    memo[0] = n1;
    memo[1] = p;
  }
  if (n2 !== memo[2] || q !== memo[3]) {
    binomialWindowInto(n2, q, WIDE, wideB);
    memo[2] = n2;
    memo[3] = q;
  }
  const A = wideA;
  const B = wideB;
  const direct = (j: number) => {
    let acc = 0;
    const shift = j - A.lo - B.lo; // B index = shift − x
    const xLo = Math.max(0, shift - B.length + 1);
    const xHi = Math.min(A.length - 1, shift);
    for (let x = xLo; x <= xHi; x++) acc += A.probs[x]! * B.probs[shift - x]!;
    return acc;
  };
  const a = 1 - p;
  const b = p;
  const c = 1 - q;
  const d = q;
  const mean = n1 * p + n2 * q;
  const sd = Math.sqrt(n1 * p * a + n2 * q * c);
  // Ends where g crosses 1e-14 of a mode estimate, searched from ±8 standard deviations (outwards while
  // g is still above the floor, e.g. in the heavier tail of a skewed sum; inwards otherwise). Seeds
  // there are accurate because the factor windows reach 1e-24.
  const minLo = A.lo + B.lo;
  const maxHi = A.lo + A.length - 1 + B.lo + B.length - 1;
  const floor = 1e-14 / (2.5066 * Math.max(sd, 0.4));
  let lo = Math.min(maxHi, Math.max(minLo, Math.floor(mean - 8 * sd)));
  if (direct(lo) >= floor) {
    while (lo > minLo && direct(lo - 1) >= floor) lo -= 1;
  } else {
    while (lo < mean - 1 && direct(lo + 1) < floor) lo += 1;
  }
  let hi = Math.max(lo, Math.min(maxHi, Math.ceil(mean + 8 * sd)));
  if (direct(hi) >= floor) {
    while (hi < maxHi && direct(hi + 1) >= floor) hi += 1;
  } else {
    while (hi > mean + 1 && hi > lo && direct(hi - 1) < floor) hi -= 1;
  }
  const len = hi - lo + 1;
  w.lo = lo;
  w.length = len;
  const useDirect = A.length === 1 || B.length === 1 || len < 12 || a * c === 0 || b * d === 0;
  if (!useDirect) {
    const mid = Math.min(hi - 2, Math.max(lo + 2, Math.round(mean)));
    const g = w.probs;
    g[0] = direct(lo);
    g[1] = direct(lo + 1);
    g[len - 1] = direct(hi);
    g[len - 2] = direct(hi - 1);
    const ac = a * c;
    const bd = b * d;
    const base = n1 * b * c + n2 * a * d;
    const slope = a * d + b * c;
    // Left half j = lo+1 .. mid−1 (forward) and right half j = hi−1 .. mid+1 (backward), interleaved.
    let jl = lo + 1;
    let jr = hi - 1;
    let fromLeft = 0;
    while (jl < mid || jr > mid) {
      if (jl < mid) {
        const inv = 1 / ((jl + 1) * ac);
        g[jl + 1 - lo] =
          g[jl - lo]! * ((base - jl * slope) * inv) + g[jl - 1 - lo]! * (bd * (n - jl + 1) * inv);
        jl += 1;
        if (jl === mid) fromLeft = g[mid - lo]!;
      }
      // The right half may overwrite g[mid] only after the left half has read it.
      if (jr > mid && !(jr - 1 === mid && jl < mid)) {
        const inv = 1 / (bd * (n - jr + 1));
        g[jr - 1 - lo] = g[jr + 1 - lo]! * ((jr + 1) * ac * inv) - g[jr - lo]! * ((base - jr * slope) * inv);
        jr -= 1;
      }
    }
    const fromRight = g[mid - lo]!;
    // Judge each half against the exact value at the meeting point; recompute a failed half directly
    // (the recursion can lose stability in the tail of a strongly skewed sum).
    const exact = direct(mid);
    g[mid - lo] = exact;
    if (!(Math.abs(fromLeft - exact) <= 1e-9 * exact)) {
      for (let j = lo; j < mid; j++) g[j - lo] = direct(j);
    }
    if (!(Math.abs(fromRight - exact) <= 1e-9 * exact)) {
      for (let j = mid + 1; j <= hi; j++) g[j - lo] = direct(j);
    }
    let total = 0;
    let ok = true;
    for (let j = 0; j < len; j++) {
      if (!(g[j]! >= 0)) ok = false;
      total += g[j]!;
    }
    if (ok) {
      w.dropped = Math.max(0, 1 - total);
      return w;
    }
  }
  let total = 0;
  for (let j = 0; j < len; j++) {
    const v = direct(lo + j);
    w.probs[j] = v;
    total += v;
  }
  w.dropped = Math.max(0, 1 - total);
  return w;
}

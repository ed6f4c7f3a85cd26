/**
 * Binomial probability windows: the pmf of Bin(n, p) on the contiguous range of k where it exceeds
 * `eps` times its mode value, computed from the mode outwards with the ratio recurrence
 * b(k+1)/b(k) = (n−k)p / ((k+1)(1−p)). The mode value uses log-factorials.
 */

/** log k! for k = 0..n (grown on demand). */
let logFactorials = new Float64Array([0]);

function ensureLogFactorials(n: number): Float64Array {
  if (logFactorials.length > n) return logFactorials;
  const next = new Float64Array(Math.max(n + 1, 2 * logFactorials.length));
  next.set(logFactorials);
  for (let k = logFactorials.length; k < next.length; k++) next[k] = next[k - 1]! + Math.log(k);
  logFactorials = next;
  return next;
}

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
  const lf = ensureLogFactorials(n);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logMode = lf[n]! - lf[mode]! - lf[n - mode]! + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
  const pm = Math.exp(logMode);
  const cut = eps * pm;
  const ratio = p / (1 - p);
  // Downwards from the mode.
  let lo = mode;
  let v = pm;
  // Temporarily write the lower half reversed into the tail of the buffer region, then assemble.
  const lower: number[] = [];
  while (lo > 0) {
    v = (v * lo) / ((n - lo + 1) * ratio);
    if (v < cut) break;
    lo -= 1;
    lower.push(v);
  }
  let len = 0;
  for (let j = lower.length - 1; j >= 0; j--) w.probs[len++] = lower[j]!;
  w.probs[len++] = pm;
  let k = mode;
  v = pm;
  while (k < n) {
    v = (v * (n - k) * ratio) / (k + 1);
    if (v < cut) break;
    k += 1;
    w.probs[len++] = v;
  }
  let total = 0;
  for (let j = 0; j < len; j++) total += w.probs[j]!;
  w.lo = lo;
  w.length = len;
  w.dropped = Math.max(0, 1 - total);
  return w;
}

/**
 * ln k! for the exact discrete samplers and probability windows of the population packages: a table
 * below 256 and Stirling's series with four correction terms above (relative error < 1e-15 there), plus
 * a cancellation-free ln a! − ln b! for huge, close a and b (n = 10^9 agents and beyond).
 */

const TABLE_SIZE = 256;
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(TABLE_SIZE);
  for (let k = 2; k < TABLE_SIZE; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷): the tail of Stirling's series for ln x!. */
function stirlingTail(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/** ln k! for an integer k ≥ 0 (table below 256, Stirling series with four terms above). */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return LOG_FACTORIAL_TABLE[k]!;
  return k * Math.log(k) - k + HALF_LOG_2PI + 0.5 * Math.log(k) + stirlingTail(k);
}

/**
 * ln a! − ln b! for integers a, b ≥ 0, accurate to a few ulps of the result even when a and b are
 * huge and close: with d = a − b, a ln a − b ln b − d = d(ln a − 1) + b·log1p(d/b), and
 * ½ ln(a/b) = ½ log1p(d/b).
 */
export function logFactorialDifference(a: number, b: number): number {
  if (a < TABLE_SIZE || b < TABLE_SIZE) return logFactorial(a) - logFactorial(b);
  const d = a - b;
  const l = Math.log1p(d / b);
  return d * (Math.log(a) - 1) + (b + 0.5) * l + stirlingTail(a) - stirlingTail(b);
}

/**
 * Test-only statistics for the random-stream tests.
 *
 * Critical values of χ² at significance 10⁻³ (a correct generator fails a given seeded test with
 * probability 0.1 %; the seeds are fixed, so a pass is reproducible), from the Wilson–Hilferty approximation
 * χ²_p(k) ≈ k (1 − 2/(9k) + z_p √(2/(9k)))³ with z = 3.0902 (accurate to < 0.5 % for k ≥ 3).
 */
export function chiSquareCritical(degrees: number, z = 3.090232306167813): number {
  const c = 2 / (9 * degrees);
  return degrees * (1 - c + z * Math.sqrt(c)) ** 3;
}

/** Pearson's χ² statistic of observed counts against expected probabilities. */
export function chiSquare(
  counts: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  total: number,
): number {
  let x = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = probabilities[i]! * total;
    if (e === 0) continue;
    x += (counts[i]! - e) ** 2 / e;
  }
  return x;
}

/**
 * Test fixtures: random and structured stochastic kernels (used by the stationary tests and benches only).
 */

/** A small deterministic generator for fixtures (mulberry32); not the library's streams. */
export function fixtureUniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normalises each row of an n×n table of nonnegative weights in place. */
export function normaliseRows(k: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += k[i * n + j];
    for (let j = 0; j < n; j++) k[i * n + j] /= s;
  }
  return k;
}

/**
 * A random irreducible kernel: a random Hamiltonian cycle (weight ≥ `cycleWeight`) plus each other entry present
 * with probability `density` and a uniform weight.
 */
export function randomIrreducibleKernel(
  n: number,
  seed: number,
  density = 1,
  cycleWeight = 0.05,
): Float64Array {
  const u = fixtureUniforms(seed);
  const k = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) if (u() < density) k[i] = u();
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  for (let t = 0; t < n; t++) k[perm[t]! * n + perm[(t + 1) % n]!] += cycleWeight + u();
  return normaliseRows(k, n);
}

/** ‖νK − ν‖₁. */
export function stationarityResidual(kernel: Float64Array, n: number, nu: Float64Array): number {
  let r = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += nu[i] * kernel[i * n + j];
    r += Math.abs(s - nu[j]);
  }
  return r;
}

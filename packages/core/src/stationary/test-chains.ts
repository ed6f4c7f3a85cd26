/**
 * Test fixtures: random and structured stochastic kernels (used by the stationary tests and benches only).
 */
import { Matrix, solve } from "ml-matrix";

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

/** Birth–death chain on m states (up u, down d, rest on the diagonal); stationary law ∝ (u/d)^i. */
export function birthDeath(m: number, up: number, down: number): { kernel: Float64Array; law: Float64Array } {
  const kernel = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    if (i + 1 < m) kernel[i * m + i + 1] = up;
    if (i > 0) kernel[i * m + i - 1] = down;
    kernel[i * m + i] = 1 - (i + 1 < m ? up : 0) - (i > 0 ? down : 0);
  }
  const law = new Float64Array(m);
  let s = 0;
  for (let i = 0; i < m; i++) s += law[i] = (up / down) ** i;
  for (let i = 0; i < m; i++) law[i] /= s;
  return { kernel, law };
}

/**
 * Two birth–death blocks A, B. A state of A leaves to B with probability δ, landing by φ_B (B's stationary
 * law), and B leaves to A with probability η landing by φ_A. Then ν = (η φ_A, δ φ_B)/(δ + η) exactly.
 */
export function twoBlockChain(delta: number, eta: number) {
  const a = birthDeath(5, 0.3, 0.6);
  const b = birthDeath(4, 0.5, 0.2);
  const n = 9;
  const kernel = new Float64Array(n * n);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) kernel[i * n + j] = (1 - delta) * a.kernel[i * 5 + j];
    for (let j = 0; j < 4; j++) kernel[i * n + 5 + j] = delta * b.law[j];
  }
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) kernel[(5 + i) * n + 5 + j] = (1 - eta) * b.kernel[i * 4 + j];
    for (let j = 0; j < 5; j++) kernel[(5 + i) * n + j] = eta * a.law[j];
  }
  const law = new Float64Array(n);
  for (let j = 0; j < 5; j++) law[j] = (eta / (delta + eta)) * a.law[j];
  for (let j = 0; j < 4; j++) law[5 + j] = (delta / (delta + eta)) * b.law[j];
  return { kernel, n, law };
}

/**
 * The second method of the design note (§2), through ml-matrix: LU with partial pivoting on (K − I)ᵀ with its
 * last row replaced by ones, right-hand side e_n (so νK = ν and Σν = 1).
 */
export function luReplacedRowStationary(kernel: Float64Array, n: number): Float64Array {
  const a = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a.set(i, j, i === n - 1 ? 1 : kernel[j * n + i] - (i === j ? 1 : 0));
  }
  const b = new Matrix(n, 1);
  b.set(n - 1, 0, 1);
  return Float64Array.from(solve(a, b).getColumn(0));
}

/**
 * Exact unregularised equilibria of the resource-selection TMF game (s = 0, holding cost, μ0 uniform)
 * for short horizons, by Lemke's algorithm on its reduced complementarity problem, checked through
 * the activation-coin reduction (docs/temporal-mean-field.md §4).
 *
 * With s = 0 the active Q does not depend on the held resource, so only the aggregate choice
 * q_t(a) = Σ_o μ_t(o) π_t(a|o) matters. The load is affine in q, μ_{t+1} = (1 − ρ) μ_t + ρ q_t, and the
 * cost of choosing a at t (up to terms equal for every a) is
 *
 *     C_t(a) = (1/κ_a) Σ_{k=0}^{T−t} d^k μ_{t+k}(a),   d = γ(1 − ρ),
 *
 * so an equilibrium is q_t ⊥ (C_t − v_t) ≥ 0, Σ_a q_t(a) = 1, an LCP in (q_0..q_{T−1}, v) (q_T only
 * faces μ_T: it takes the cheapest resource). Its matrix is entrywise positive, hence strictly
 * copositive, so Lemke's method (lexicographic ratio test) terminates with a solution — after a
 * number of pivots that grows geometrically with T. The printout shows the pivots, the exploitability
 * of π_t(a|o) = q_t(a) computed by `tmfExploitability`, and the oscillating equilibrium.
 *
 *     pnpm example:resource-lcp [rho=0.3] [horizons=3,5,8,12]
 */
import { createResourceSelection, DEFAULT_CAPACITIES, tmfExploitability } from "@mfkit/temporal-mean-field";

/** Lemke's complementary pivoting for w = M z + b ≥ 0, z ≥ 0, wᵀz = 0 (dense tableau, covering vector 1). */
function lemke(
  M: Float64Array[],
  b: Float64Array,
  maxPivots: number,
): { z: Float64Array; pivots: number } | null {
  const n = b.length;
  const z0 = 2 * n;
  const width = 2 * n + 2; // w (n) | z (n) | z0 | rhs
  const rhs = width - 1;
  const tab = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(width);
    row[i] = 1;
    for (let j = 0; j < n; j++) row[n + j] = -M[i]![j]!;
    row[z0] = -1;
    row[rhs] = b[i]!;
    return row;
  });
  const basis = Int32Array.from({ length: n }, (_, i) => i);
  const pivot = (r: number, c: number) => {
    const row = tab[r]!;
    const p = row[c]!;
    for (let j = 0; j < width; j++) row[j]! /= p;
    for (let i = 0; i < n; i++) {
      const f = tab[i]![c]!;
      if (i === r || f === 0) continue;
      const target = tab[i]!;
      for (let j = 0; j < width; j++) target[j]! -= f * row[j]!;
    }
    basis[r] = c;
  };
  let r = 0;
  for (let i = 1; i < n; i++) if (tab[i]![rhs]! < tab[r]![rhs]!) r = i;
  if (tab[r]![rhs]! >= 0) return { z: new Float64Array(n), pivots: 0 };
  let leaving = basis[r]!;
  pivot(r, z0);
  for (let pivots = 1; pivots <= maxPivots; pivots++) {
    const entering = leaving < n ? leaving + n : leaving - n;
    // Lexicographic minimum ratio over (rhs, columns of the initial identity) / entering column.
    let rows: number[] = [];
    for (let i = 0; i < n; i++) if (tab[i]![entering]! > 1e-11) rows.push(i);
    if (rows.length === 0) return null; // secondary ray
    for (let j = -1; j < n && rows.length > 1; j++) {
      const key = (i: number) => (j < 0 ? tab[i]![rhs]! : tab[i]![j]!) / tab[i]![entering]!;
      const least = Math.min(...rows.map(key));
      rows = rows.filter((i) => key(i) <= least + 1e-10 * Math.max(1, Math.abs(least)));
      if (j < 0 && rows.some((i) => basis[i] === z0)) rows = rows.filter((i) => basis[i] === z0);
    }
    const row = rows[0]!;
    leaving = basis[row]!;
    pivot(row, entering);
    if (leaving === z0) {
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) if (basis[i]! >= n && basis[i]! < 2 * n) z[basis[i]! - n] = tab[i]![rhs]!;
      return { z, pivots };
    }
  }
  return null;
}

/** An exact equilibrium of the reduced LCP: aggregate choices q_t (flat (T+1)·M), Lemke's pivots, exploitability. */
export interface LcpEquilibrium {
  q: Float64Array;
  pivots: number;
  ms: number;
  exploitability: number;
}

/** Solves resource selection (default capacities, γ = 0.95, μ0 uniform) at rate ρ and horizon T; null past 50 000 pivots. */
export function solveResourceSelectionLcp(rho: number, T: number): LcpEquilibrium | null {
  const kappa = Array.from(DEFAULT_CAPACITIES);
  const M = kappa.length;
  const gamma = 0.95;
  const d = gamma * (1 - rho);
  const game = createResourceSelection({ horizon: T, discount: gamma });
  const mu0 = Array.from(game.mu0);
  // ∂C_t(a)/∂q_s(a)·κ_a = Σ_{k ≥ 0, s < t+k ≤ T} d^k ρ (1 − ρ)^{t+k−1−s}; C at q = 0 is the free decay of μ0.
  const coupling = (t: number, s: number) => {
    let v = 0;
    for (let k = 0; t + k <= T; k++) if (s < t + k) v += d ** k * rho * (1 - rho) ** (t + k - 1 - s);
    return v;
  };
  const nq = T * M;
  const n = nq + T;
  const matrix = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < M; a++) {
      const i = t * M + a;
      for (let s = 0; s < T; s++) matrix[i]![s * M + a] = coupling(t, s) / kappa[a]!;
      matrix[i]![nq + t] = -1;
      let free = 0;
      for (let k = 0; t + k <= T; k++) free += d ** k * mu0[a]! * (1 - rho) ** (t + k);
      b[i] = free / kappa[a]!;
    }
    for (let a = 0; a < M; a++) matrix[nq + t]![t * M + a] = 1;
    b[nq + t] = -1;
  }
  const start = performance.now();
  const solution = lemke(matrix, b, 50_000);
  const ms = performance.now() - start;
  if (solution === null) return null;
  const q = new Float64Array((T + 1) * M);
  for (let i = 0; i < nq; i++) q[i] = Math.max(0, solution.z[i]!);
  const mu = Float64Array.from(mu0);
  for (let t = 0; t < T; t++) for (let a = 0; a < M; a++) mu[a] = (1 - rho) * mu[a]! + rho * q[t * M + a]!;
  let cheapest = 0;
  for (let a = 1; a < M; a++) if (mu[a]! / kappa[a]! < mu[cheapest]! / kappa[cheapest]!) cheapest = a;
  q[T * M + cheapest] = 1;
  const policy = new Float64Array((T + 1) * M * M);
  for (let t = 0; t <= T; t++) {
    let sum = 0;
    for (let a = 0; a < M; a++) sum += q[t * M + a]!;
    for (let o = 0; o < M; o++) for (let a = 0; a < M; a++) policy[(t * M + o) * M + a] = q[t * M + a]! / sum;
  }
  return { q, pivots: solution.pivots, ms, exploitability: tmfExploitability(game, policy, rho) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rho = Number(process.argv[2] ?? 0.3);
  const horizons = (process.argv[3] ?? "3,5,8,12").split(",").map(Number);
  for (const T of horizons) {
    const eq = solveResourceSelectionLcp(rho, T);
    if (eq === null) {
      console.log(`T = ${T}: no solution within 50 000 pivots`);
      continue;
    }
    const { q, pivots, ms, exploitability } = eq;
    console.log(
      `T = ${T}: ${pivots} pivots, ${ms.toFixed(0)} ms, exploitability ${exploitability.toExponential(2)}`,
    );
    for (let t = 0; t <= Math.min(T, 8); t++) {
      const row = Array.from(q.subarray(t * 5, (t + 1) * 5), (x) => x.toFixed(3)).join(" ");
      console.log(`  q_${t} = ${row}`);
    }
  }
}

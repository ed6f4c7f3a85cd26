/**
 * The grid Δ^M of M-agent empirical measures on K cells and the maps from the simplex onto it
 * (docs/induced-mfg.md §3): largest-remainder rounding, the "others + self" nearest grid profile,
 * Freudenthal (Kuhn) simplex interpolation, and enumeration of all grid points.
 *
 * Grid points are stored as integer count vectors c ∈ ℕ^K with Σ c = M (the measure is c / M).
 */
import { MfkitError } from "@mfkit/core";

/** Values within this distance of an integer are snapped to it before flooring (grid exactness). */
const SNAP = 1e-9;

function snapFloor(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= SNAP * Math.max(1, Math.abs(x)) ? r : Math.floor(x);
}

/**
 * Largest-remainder rounding of a probability vector `w` (length K, entries ≥ 0, sum 1) to counts
 * with sum M: floor every M·w_k, then hand the leftover units to the largest fractional parts,
 * ties going to the lower index. Per-cell error |c_k − M·w_k| < 1.
 */
export function roundToGrid(
  w: ArrayLike<number>,
  M: number,
  out: Int32Array = new Int32Array(w.length),
): Int32Array {
  const K = w.length;
  let used = 0;
  for (let k = 0; k < K; k++) {
    const x = M * w[k]!;
    const f = snapFloor(x);
    out[k] = f;
    used += f;
  }
  let left = M - used;
  if (left < 0) {
    // Only possible through rounding noise in a vector summing to slightly more than 1.
    for (let k = K - 1; k >= 0 && left < 0; k--) {
      const take = Math.min(out[k]!, -left);
      out[k] = out[k]! - take;
      left += take;
    }
    return out;
  }
  while (left > 0) {
    let best = -1;
    let bestFrac = -1;
    for (let k = 0; k < K; k++) {
      const frac = M * w[k]! - out[k]!;
      if (frac > bestFrac + 1e-15) {
        bestFrac = frac;
        best = k;
      }
    }
    out[best] = out[best]! + 1;
    left -= 1;
  }
  return out;
}

/**
 * The others' measure ω = (N·L − e_z)/(N − 1) implied by L when the querying agent sits at cell z,
 * with negative cells set to 0 and the vector renormalised (§3, item 2). Writes into `out` (length K).
 */
export function othersMeasure(L: ArrayLike<number>, z: number, N: number, out: Float64Array): Float64Array {
  const K = L.length;
  let total = 0;
  for (let k = 0; k < K; k++) {
    let v = (N * L[k]! - (k === z ? 1 : 0)) / (N - 1);
    if (v < 0) v = 0;
    out[k] = v;
    total += v;
  }
  if (total <= 0) {
    // L is concentrated on z with L(z) < 1: no others anywhere; put them at z (a limit case).
    out.fill(0);
    out[z] = 1;
    return out;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! / total;
  return out;
}

/**
 * Nearest grid profile "others + self": counts c with Σ c = N, c = e_z + round_{N−1}(ω(z, L)).
 * Equals N·L exactly whenever L is an N-agent grid point with L(z) ≥ 1/N.
 */
export function nearestGridCounts(
  L: ArrayLike<number>,
  z: number,
  N: number,
  work: Float64Array,
  out: Int32Array,
): Int32Array {
  othersMeasure(L, z, N, work);
  roundToGrid(work, N - 1, out);
  out[z] = out[z]! + 1;
  return out;
}

/**
 * Freudenthal's own snap and drop level: rounding noise only. A cumulative coordinate M·Σ_{k≥j} w_k of a
 * grid point is off by a few ulps of M; snapping it to the integer (and dropping the weights of that size
 * it leaves) makes grid points exact. A wider band (such as {@link SNAP}) moves the interpolant by the
 * grid slope times the band inside it and makes it jump at the band's edge: with 1e-9 an affine game was
 * reproduced only to 2.6e-10 (induced.test.ts, "(b) reproduces a game affine in σ").
 */
const KUHN_SNAP = 1e-13;

/** One Freudenthal simplex: up to K vertices (count vectors with sum M) and convex weights. */
export interface FreudenthalCell {
  /** Number of vertices kept (weights > 1e-13). */
  size: number;
  /** Vertex counts, vertex p at [p·K, (p+1)·K). */
  counts: Int32Array;
  /** Weights λ_p ≥ 0 summing to 1. */
  weights: Float64Array;
}

/** Allocates a workspace for {@link freudenthalInto} over K cells. */
export function createFreudenthalCell(K: number): FreudenthalCell {
  return { size: 0, counts: new Int32Array(K * K), weights: new Float64Array(K) };
}

/**
 * Freudenthal (Kuhn) interpolation of the point w ∈ Δ(K) on the grid of multiples of 1/M (Lovejoy 1991):
 * cumulative coordinates y_j = M·Σ_{k≥j} w_k (j = 1..K−1), b = ⌊y⌋, d = y − b; vertices
 * v_0 = b, v_p = v_{p−1} + e_{j_p} with the j's ordered by d descending (ties: lower index first);
 * weights λ_0 = 1 − d_{j_1}, λ_p = d_{j_p} − d_{j_{p+1}}, λ_{K−1} = d_{j_{K−1}}. Then Σ_p λ_p v_p = y, so
 * Σ_p λ_p c(v_p) = M·w. A y_j within 1e-13·max(1, y_j) of an integer is taken as that integer, vertices
 * with λ ≤ 1e-13 are dropped and the rest renormalised (rounding noise: grid points get one vertex).
 */
export function freudenthalInto(w: ArrayLike<number>, M: number, cell: FreudenthalCell): FreudenthalCell {
  const K = w.length;
  const y = new Float64Array(K); // y[j] for j = 1..K−1; y[0] = M
  let acc = 0;
  for (let j = K - 1; j >= 1; j--) {
    acc += w[j]!;
    y[j] = M * acc;
  }
  y[0] = M;
  // Clamp to [0, M] and make non-increasing in j.
  for (let j = 1; j < K; j++) {
    let v = y[j]!;
    if (v < 0) v = 0;
    if (v > M) v = M;
    if (v > y[j - 1]!) v = y[j - 1]!;
    y[j] = v;
  }
  const b = new Int32Array(K);
  const d = new Float64Array(K);
  b[0] = M;
  for (let j = 1; j < K; j++) {
    const r = Math.round(y[j]!);
    const f = Math.abs(y[j]! - r) <= KUHN_SNAP * Math.max(1, y[j]!) ? r : Math.floor(y[j]!);
    b[j] = f;
    const frac = y[j]! - f;
    d[j] = Math.max(0, frac);
  }
  const order: number[] = [];
  for (let j = 1; j < K; j++) order.push(j);
  order.sort((p, q) => d[q]! - d[p]! || p - q);
  const v = Int32Array.from(b);
  let size = 0;
  let total = 0;
  const push = (lambda: number) => {
    if (lambda <= KUHN_SNAP) return;
    // counts: c_0 = M − v_1, c_j = v_j − v_{j+1}, c_{K−1} = v_{K−1}
    const base = size * K;
    for (let j = 0; j < K; j++) {
      const next = j + 1 < K ? v[j + 1]! : 0;
      cell.counts[base + j] = (j === 0 ? M : v[j]!) - next;
    }
    cell.weights[size] = lambda;
    total += lambda;
    size += 1;
  };
  push(1 - (K > 1 ? d[order[0]!]! : 0));
  for (let p = 0; p < K - 1; p++) {
    v[order[p]!] = v[order[p]!]! + 1;
    const dp = d[order[p]!]!;
    const dq = p + 1 < K - 1 ? d[order[p + 1]!]! : 0;
    push(dp - dq);
  }
  for (let p = 0; p < size; p++) cell.weights[p] = cell.weights[p]! / total;
  cell.size = size;
  return cell;
}

/** Number of grid points C(M + K − 1, K − 1), as a float (may exceed 2^53 for huge grids). */
export function gridSize(M: number, K: number): number {
  let r = 1;
  for (let i = 1; i <= K - 1; i++) r = (r * (M + i)) / i;
  return Math.round(r);
}

/**
 * Calls `visit(counts)` for every count vector in ℕ^K with sum M (the same buffer, mutated between
 * calls), in lexicographically decreasing order of the first cell. Refuses grids above `limit` points.
 */
export function forEachGridPoint(
  M: number,
  K: number,
  visit: (counts: Int32Array) => void,
  limit = 2_000_000,
): void {
  const size = gridSize(M, K);
  if (size > limit) {
    throw new MfkitError(
      "invalid-argument",
      `the grid of ${M}-agent measures on ${K} cells has ${size} points, above the limit ${limit}`,
      ["grid"],
      { size, limit },
    );
  }
  const c = new Int32Array(K);
  const rec = (k: number, left: number) => {
    if (k === K - 1) {
      c[k] = left;
      visit(c);
      return;
    }
    for (let v = left; v >= 0; v--) {
      c[k] = v;
      rec(k + 1, left - v);
    }
  };
  rec(0, M);
}

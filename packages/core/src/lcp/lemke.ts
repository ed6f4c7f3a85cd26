/**
 * Linear complementarity problems by Lemke's complementary pivoting (docs/stationary-and-random.md §7):
 *
 *     find z ≥ 0 with w = M z + q ≥ 0 and wᵀz = 0.
 *
 * The method adds an artificial variable z₀ with covering column −1 (so w = Mz + q − z₀·1 in the
 * starting basis), makes the system feasible with z₀ = −min q, and then pivots along the
 * complementary path: the variable entering is the complement of the one that just left, the one
 * leaving is chosen by the lexicographic minimum-ratio rule (which excludes cycling on degenerate
 * problems). It stops when z₀ leaves (a solution) or when no variable can leave (a secondary ray:
 * the method gives up, which cannot happen when M is strictly copositive, e.g. entrywise positive).
 *
 * Warm start: given a guess of which z_i are positive, the starting basis is {z_i : guess} ∪
 * {w_i : not guess} (brought in by Gauss–Jordan pivots with partial pivoting over the rows still to be
 * replaced), and the covering column is −1 in that basis. If the guess is a solution's basis no pivot
 * is needed; if it is close, few are. The tableau is dense: O(n²) memory, O(n²) per pivot.
 */
import { MfkitError } from "../errors.js";

/** (row[rhs], row[0..n)) < (other[rhs], other[0..n)) lexicographically. */
function lexicographicallyLess(row: Float64Array, other: Float64Array, rhs: number, n: number): boolean {
  if (row[rhs]! !== other[rhs]!) return row[rhs]! < other[rhs]!;
  for (let j = 0; j < n; j++) if (row[j]! !== other[j]!) return row[j]! < other[j]!;
  return false;
}

/** Options of {@link solveLcp}. */
export interface LcpOptions {
  /** Give up after this many complementary pivots (default 50 000). */
  maxPivots?: number;
  /** Warm start: `guess[i]` true when z_i is expected positive (length n). */
  guess?: ArrayLike<boolean | number>;
  /** Entries of the entering column at most this are treated as 0 in the ratio test (default 1e-11). */
  pivotTolerance?: number;
}

/** The outcome of {@link solveLcp}. */
export type LcpResult =
  | { status: "solved"; z: Float64Array; w: Float64Array; pivots: number }
  | { status: "ray" | "max-pivots"; pivots: number };

/**
 * Solves the LCP (M, q) by Lemke's method (module comment). `M` is row-major (n rows of length n).
 * On success, z and w = Mz + q are returned, both clipped at 0 (the tableau's rounding).
 */
export function solveLcp(
  M: ReadonlyArray<ArrayLike<number>>,
  q: ArrayLike<number>,
  options: LcpOptions = {},
): LcpResult {
  const n = q.length;
  if (M.length !== n) {
    throw new MfkitError("invalid-shape", `M has ${M.length} rows but q has ${n} entries`, ["M"]);
  }
  for (let i = 0; i < n; i++) {
    const row = M[i]!;
    if (row.length !== n)
      throw new MfkitError("invalid-shape", `row ${i} has ${row.length} entries, not ${n}`, ["M", i]);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(row[j]!))
        throw new MfkitError("non-finite", `M[${i}][${j}] = ${row[j]}`, ["M", i, j]);
    }
    if (!Number.isFinite(q[i]!)) throw new MfkitError("non-finite", `q[${i}] = ${q[i]}`, ["q", i]);
  }
  const maxPivots = options.maxPivots ?? 50_000;
  const tolerance = options.pivotTolerance ?? 1e-11;
  if (options.guess !== undefined && options.guess.length !== n) {
    throw new MfkitError("invalid-shape", `guess has ${options.guess.length} entries, not ${n}`, [
      "options",
      "guess",
    ]);
  }

  // Columns: w_0..w_{n−1} | z_0..z_{n−1} | z₀ | rhs. Basic variable of row r: basis[r].
  const artificial = 2 * n;
  const width = 2 * n + 2;
  const rhs = width - 1;
  const tableau: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(width);
    row[i] = 1;
    const m = M[i]!;
    for (let j = 0; j < n; j++) row[n + j] = -m[j]!;
    row[artificial] = -1;
    row[rhs] = q[i]!;
    tableau.push(row);
  }
  const basis = Int32Array.from({ length: n }, (_, i) => i);
  const pivot = (r: number, c: number): void => {
    const row = tableau[r]!;
    const p = row[c]!;
    for (let j = 0; j < width; j++) row[j] = row[j]! / p;
    for (let i = 0; i < n; i++) {
      if (i === r) continue;
      const target = tableau[i]!;
      const f = target[c]!;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) target[j] = target[j]! - f * row[j]!;
    }
    basis[r] = c;
  };
  const solution = (pivots: number): LcpResult => {
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = basis[i]!;
      if (v >= n && v < 2 * n) z[v - n] = Math.max(0, tableau[i]![rhs]!);
    }
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = q[i]!;
      const m = M[i]!;
      for (let j = 0; j < n; j++) s += m[j]! * z[j]!;
      w[i] = Math.max(0, s);
    }
    return { status: "solved", z, w, pivots };
  };

  const guess = options.guess;
  if (guess !== undefined) {
    for (let i = 0; i < n; i++) {
      if (!guess[i]) continue;
      // z_i replaces a not-yet-replaced w_k of the guess: the row with the largest entry.
      let best = -1;
      let size = 1e-9;
      for (let r = 0; r < n; r++) {
        const v = basis[r]!;
        const a = Math.abs(tableau[r]![n + i]!);
        if (v < n && guess[v] && a > size) {
          size = a;
          best = r;
        }
      }
      if (best >= 0) pivot(best, n + i);
    }
    for (let r = 0; r < n; r++) tableau[r]![artificial] = -1;
  }

  if (n === 0) return solution(0);
  // z₀ enters at the lexicographically least row (rhs, then the basis inverse): every row of
  // (rhs | basis inverse) is then lexicographically positive, which the ratio rule keeps so.
  let start = 0;
  for (let r = 1; r < n; r++) if (lexicographicallyLess(tableau[r]!, tableau[start]!, rhs, n)) start = r;
  if (tableau[start]![rhs]! >= 0) return solution(0);
  let leaving = basis[start]!;
  pivot(start, artificial);
  for (let pivots = 1; pivots <= maxPivots; pivots++) {
    const entering = leaving < n ? leaving + n : leaving - n;
    let rows: number[] = [];
    for (let r = 0; r < n; r++) if (tableau[r]![entering]! > tolerance) rows.push(r);
    if (rows.length === 0) return { status: "ray", pivots };
    // Lexicographic minimum of (rhs, columns of the starting identity) / entering entry; z₀ leaves on ties.
    for (let j = -1; j < n && rows.length > 1; j++) {
      const key = (r: number) => (j < 0 ? tableau[r]![rhs]! : tableau[r]![j]!) / tableau[r]![entering]!;
      let least = Number.POSITIVE_INFINITY;
      for (const r of rows) least = Math.min(least, key(r));
      const slack = 1e-10 * Math.max(1, Math.abs(least));
      rows = rows.filter((r) => key(r) <= least + slack);
      if (j < 0 && rows.some((r) => basis[r] === artificial))
        rows = rows.filter((r) => basis[r] === artificial);
    }
    const row = rows[0]!;
    leaving = basis[row]!;
    pivot(row, entering);
    if (leaving === artificial) return solution(pivots);
  }
  return { status: "max-pivots", pivots: maxPivots };
}

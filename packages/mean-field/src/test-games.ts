/**
 * Test fixtures (not exported from the package): the left_right game built inline, and seeded
 * random small games with sparse patterns and mean-field-dependent rewards and transitions.
 */
import { createRandomStream } from "@mfkit/core";
import fc from "fast-check";
import type { MeanFieldGame } from "./model.js";

/** Builds a game from a pattern given as sorted next-state lists per row r = s·A + a. */
export function gameFromRows(spec: {
  name: string;
  horizon: number;
  nStates: number;
  nActions: number;
  mu0: number[];
  discount?: number;
  rows: number[][];
  dependsOnMeanField: { reward: boolean; transition: boolean };
  timeHomogeneous?: boolean;
  reward: (t: number, L: Float64Array, out: Float64Array) => void;
  transition: (t: number, L: Float64Array, r: number, next: number) => number;
}): MeanFieldGame {
  const rowPtr = new Int32Array(spec.rows.length + 1);
  const cols: number[] = [];
  spec.rows.forEach((row, r) => {
    cols.push(...row);
    rowPtr[r + 1] = cols.length;
  });
  const col = Int32Array.from(cols);
  return {
    name: spec.name,
    horizon: spec.horizon,
    nStates: spec.nStates,
    nActions: spec.nActions,
    stateShape: [spec.nStates],
    actionShape: [spec.nActions],
    mu0: Float64Array.from(spec.mu0),
    discount: spec.discount ?? 1,
    transitionPattern: { rowPtr, col },
    dependsOnMeanField: spec.dependsOnMeanField,
    timeHomogeneous: spec.timeHomogeneous ?? false,
    reward: spec.reward,
    transitionValues(t, L, out) {
      for (let r = 0; r < spec.rows.length; r++) {
        for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) out[k] = spec.transition(t, L, r, col[k]!);
      }
    },
  };
}

/** left_right: S = {C, L, R}, A = {L, R}, T = 1, μ0 = δ_C, s' = 1 + a, r(L) = −μ(L), r(R) = −2μ(R). */
export function leftRight(): MeanFieldGame {
  return gameFromRows({
    name: "left_right",
    horizon: 1,
    nStates: 3,
    nActions: 2,
    mu0: [1, 0, 0],
    rows: [[1], [2], [1], [2], [1], [2]],
    dependsOnMeanField: { reward: true, transition: false },
    timeHomogeneous: true,
    reward(_t, L, out) {
      const muL = L[2]! + L[3]!;
      const muR = L[4]! + L[5]!;
      out.fill(0, 0, 2);
      out.fill(-muL, 2, 4);
      out.fill(-2 * muR, 4, 6);
    },
    transition: () => 1,
  });
}

export interface RandomGameOptions {
  seed: number;
  nStates: number;
  nActions: number;
  horizon: number;
  meanFieldReward: boolean;
  meanFieldTransition: boolean;
  discount?: number;
  /** List every next state in every row (zeros where the sparse game has no entry). */
  dense?: boolean;
}

/**
 * A random game: sparse rows (each a random non-empty sorted subset of S), base weights w > 0,
 * P_t(s'|s,a,L) ∝ w(t,s,a,s')·exp(β·μ_t(s')) on the row's support when transitions depend on L,
 * reward base(t,s,a) − c·μ_t(s) + d·L_t(s,a) when rewards depend on L.
 */
export function randomGame(o: RandomGameOptions): MeanFieldGame {
  const stream = createRandomStream(o.seed);
  const rnd = () => stream.next();
  const S = o.nStates;
  const A = o.nActions;
  const T = o.horizon;
  const mask: boolean[][] = [];
  for (let r = 0; r < S * A; r++) {
    const row = Array.from({ length: S }, () => rnd() < 0.5);
    if (!row.some(Boolean)) row[Math.floor(rnd() * S)] = true;
    mask.push(row);
  }
  const weight = Array.from({ length: Math.max(T, 1) * S * A * S }, () => 0.1 + rnd());
  const base = Array.from({ length: (T + 1) * S * A }, () => 4 * rnd() - 2);
  const c = 2 * rnd();
  const d = rnd() - 0.5;
  const beta = 3 * rnd() - 1.5;
  const mu0raw: number[] = Array.from({ length: S }, () => (rnd() < 0.3 ? 0 : rnd()));
  if (!mu0raw.some((m) => m > 0)) mu0raw[0] = 1;
  const total = mu0raw.reduce((x, y) => x + y, 0);
  const mu0 = mu0raw.map((m) => m / total);
  const rows = mask.map((row) => row.flatMap((on, s) => (on || o.dense ? [s] : [])));
  const muOf = (L: Float64Array, s: number) => {
    let m = 0;
    for (let a = 0; a < A; a++) m += L[s * A + a]!;
    return m;
  };
  const unnormalised = (t: number, L: Float64Array, r: number, next: number) =>
    weight[(t * S * A + r) * S + next]! * (o.meanFieldTransition ? Math.exp(beta * muOf(L, next)) : 1);
  return gameFromRows({
    name: `random-${o.seed}`,
    horizon: T,
    nStates: S,
    nActions: A,
    mu0,
    discount: o.discount ?? 1,
    rows,
    dependsOnMeanField: { reward: o.meanFieldReward, transition: o.meanFieldTransition },
    reward(t, L, out) {
      for (let s = 0; s < S; s++) {
        const m = o.meanFieldReward ? muOf(L, s) : 0;
        for (let a = 0; a < A; a++) {
          const r = s * A + a;
          out[r] = base[t * S * A + r]! + (o.meanFieldReward ? -c * m + d * L[r]! : 0);
        }
      }
    },
    transition(t, L, r, next) {
      if (!mask[r]![next]) return 0;
      let sum = 0;
      for (let s = 0; s < S; s++) if (mask[r]![s]) sum += unnormalised(t, L, r, s);
      return unnormalised(t, L, r, next) / sum;
    },
  });
}

/** fast-check arbitrary of {@link RandomGameOptions} with sizes up to the given bounds. */
export function randomGameOptions(max: {
  nStates: number;
  nActions: number;
  horizon: number;
  discount: number;
}): fc.Arbitrary<RandomGameOptions> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    nStates: fc.integer({ min: 1, max: max.nStates }),
    nActions: fc.integer({ min: 1, max: max.nActions }),
    horizon: fc.integer({ min: 0, max: max.horizon }),
    meanFieldReward: fc.boolean(),
    meanFieldTransition: fc.boolean(),
    discount: fc.constantFrom(1, max.discount),
  });
}

/** left_right's policy with π_0(·|C) = (p, 1−p), uniform elsewhere. */
export function leftRightPolicy(p: number): Float64Array {
  const pi = new Float64Array(12).fill(0.5);
  pi[0] = p;
  pi[1] = 1 - p;
  return pi;
}

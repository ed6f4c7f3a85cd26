/**
 * Solver speed: ms per iteration (exploitability of every iterate included) for FP, OMD, PMD and
 * Munchausen on left_right, rock_paper_scissors, a synthetic SIS-like game (S = 2, A = 2, T = 50), a
 * 100-state grid crowd game (5 actions, T = 30, 5 sparse neighbours) and every registered environment at
 * its defaults. Targets: ≤ 0.05 ms/iteration on left_right and RPS, ≤ 0.5 ms on SIS.
 * Also the logit step of PMD / Munchausen: normalizeLogits + softmaxInto (two exponential passes) against
 * the fused normalizeLogitsSoftmax, on the same rows in this process, with a bit-identity check.
 */
import type { Bench } from "../../../test/bench/harness.js";
import { softmaxInto } from "../src/greedy.js";
import { createEnvironment, listEnvironments, type MeanFieldGame, solve } from "../src/index.js";
import { normalizeLogits, normalizeLogitsSoftmax } from "../src/solvers/logits.js";

/** SIS-like: S = {S, I}, A = {out, distance}; infection 0.81·μ(I) when going out; recovery 0.3. */
function sisLike(T: number): MeanFieldGame {
  return {
    name: "sis-like",
    horizon: T,
    nStates: 2,
    nActions: 2,
    stateShape: [2],
    actionShape: [2],
    mu0: Float64Array.from([0.4, 0.6]),
    discount: 1,
    transitionPattern: {
      rowPtr: Int32Array.from([0, 2, 4, 6, 8]),
      col: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
    },
    dependsOnMeanField: { reward: false, transition: true },
    timeHomogeneous: true,
    reward(_t, _L, out) {
      out.set([0, -0.5, -1, -1.5]);
    },
    transitionValues(_t, L, out) {
      const infect = 0.81 * (L[2]! + L[3]!);
      out.set([1 - infect, infect, 1, 0, 0.3, 0.7, 0.3, 0.7]);
    },
  };
}

/** A side×side grid, actions stay/up/down/left/right (clipped), noise: the intended move w.p. 0.8,
 * else one of the other four neighbours; reward −|distance to centre|/side − c·μ(s) (crowd aversion). */
function gridCrowd(side: number, T: number, c = 2): MeanFieldGame {
  const S = side * side;
  const A = 5;
  const moves = [
    [0, 0],
    [-1, 0],
    [1, 0],
    [0, -1],
    [0, 1],
  ] as const;
  const target = (i: number, j: number, m: number) => {
    const [di, dj] = moves[m]!;
    return Math.min(side - 1, Math.max(0, i + di)) * side + Math.min(side - 1, Math.max(0, j + dj));
  };
  const rowPtr = new Int32Array(S * A + 1);
  const col: number[] = [];
  const val: number[] = [];
  for (let s = 0; s < S; s++) {
    const i = Math.floor(s / side);
    const j = s % side;
    for (let a = 0; a < A; a++) {
      const probs = new Map<number, number>();
      for (let m = 0; m < A; m++) {
        const next = target(i, j, m);
        probs.set(next, (probs.get(next) ?? 0) + (m === a ? 0.8 : 0.05));
      }
      for (const next of [...probs.keys()].sort((x, y) => x - y)) {
        col.push(next);
        val.push(probs.get(next)!);
      }
      rowPtr[s * A + a + 1] = col.length;
    }
  }
  const P = Float64Array.from(val);
  const base = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    base[s] = -(Math.abs(Math.floor(s / side) - side / 2) + Math.abs((s % side) - side / 2)) / side;
  }
  return {
    name: `grid-${side}x${side}`,
    horizon: T,
    nStates: S,
    nActions: A,
    stateShape: [side, side],
    actionShape: [A],
    mu0: new Float64Array(S).fill(1 / S),
    discount: 1,
    transitionPattern: { rowPtr, col: Int32Array.from(col) },
    dependsOnMeanField: { reward: true, transition: false },
    timeHomogeneous: true,
    reward(_t, L, out) {
      for (let s = 0; s < S; s++) {
        let mu = 0;
        for (let a = 0; a < A; a++) mu += L[s * A + a]!;
        const r = base[s]! - c * mu;
        for (let a = 0; a < A; a++) out[s * A + a] = r;
      }
    },
    transitionValues(_t, _L, out) {
      out.set(P);
    },
  };
}

const ALGOS = [
  { name: "fp", options: { algorithm: "fp", alpha: 0 } },
  { name: "omd", options: { algorithm: "omd", alpha: 0.1 } },
  { name: "pmd", options: { algorithm: "pmd", eta: 0.5, tau: 0.1 } },
  { name: "munchausen", options: { algorithm: "munchausen", alpha: 0.1 } },
] as const;

/**
 * Logits ζ = log π + η·Q of `rows` rows of A actions, as PMD / Munchausen hold them before the shift:
 * π drawn positive at random (a fixed LCG), Q in [−10, 0].
 */
function sampleLogits(rows: number, A: number, eta: number): Float64Array {
  let state = 2463534242;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const zeta = new Float64Array(rows * A);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let a = 0; a < A; a++) total += zeta[r * A + a] = 0.01 + next();
    for (let a = 0; a < A; a++) zeta[r * A + a] = Math.log(zeta[r * A + a]! / total) - eta * 10 * next();
  }
  return zeta;
}

/** The logit step alone: two exponential passes (before) against the fused pass (after), same rows. */
function measureLogitStep(bench: Bench, label: string, rows: number, A: number): void {
  const source = sampleLogits(rows, A, 0.5);
  const zetaOld = new Float64Array(source.length);
  const zetaNew = new Float64Array(source.length);
  const piOld = new Float64Array(source.length);
  const piNew = new Float64Array(source.length);
  const twoPass = (): void => {
    zetaOld.set(source);
    normalizeLogits(zetaOld, rows, A);
    softmaxInto(zetaOld, rows, A, 1, piOld);
  };
  const fused = (): void => {
    zetaNew.set(source);
    normalizeLogitsSoftmax(zetaNew, rows, A, piNew);
  };
  twoPass();
  fused();
  let identical = true;
  for (let i = 0; i < source.length; i++) {
    if (!Object.is(zetaOld[i], zetaNew[i]) || !Object.is(piOld[i], piNew[i])) identical = false;
  }
  const opts = { unitsPerCall: rows, unit: "rows", minTimeMs: 300, warmupMs: 100 };
  const before = bench.measure(`logits ${label} normalize+softmax (2 exp passes)`, twoPass, opts);
  const after = bench.measure(`logits ${label} fused (1 exp pass)`, fused, opts);
  const ratio = after.cpuMsPerCall! / before.cpuMsPerCall!;
  after.note = `fused/two-pass cpu ${ratio.toFixed(3)}; bit-identical ${identical ? "yes" : "NO"}`;
  if (!identical)
    throw new Error(`logits ${label}: the fused step differs from normalizeLogits + softmaxInto`);
}

export default async (bench: Bench) => {
  measureLogitStep(bench, "A=2 (SIS, T=50)", 51 * 2, 2);
  measureLogitStep(bench, "A=5 (crowd_motion, T=3, 20×20)", 4 * 400, 5);
  measureLogitStep(bench, "A=9 (equilibrium_price, T=4)", 5 * 4, 9);
  const cases: { game: MeanFieldGame; target?: number }[] = [
    { game: createEnvironment("left_right"), target: 0.05 },
    { game: createEnvironment("rock_paper_scissors"), target: 0.05 },
    { game: sisLike(50), target: 0.5 },
    { game: gridCrowd(10, 30) },
  ];
  for (const { game, target } of cases) {
    const K = game.nStates * game.nActions * game.horizon > 2000 ? 50 : 200;
    for (const algo of ALGOS) {
      const row = bench.measure(
        `${algo.name} ${game.name} (S=${game.nStates}, A=${game.nActions}, T=${game.horizon}) ×${K}`,
        () => solve(game, { ...algo.options, maxIterations: K, atol: null, rtol: null }),
        { unitsPerCall: K, unit: "iter", ...(target !== undefined ? { minPerSecond: 1000 / target } : {}) },
      );
      row.note = `${(row.msPerCall / K).toFixed(4)} ms/iter`;
    }
  }
  // Every registered environment at its defaults × {fp, omd, pmd} (exploitability included), with the
  // issue's ms/iteration targets where it names one.
  const envTargets: Record<string, number> = {
    left_right: 0.05,
    rock_paper_scissors: 0.05,
    susceptible_infected: 0.5,
    crowd_motion: 2,
    linear_quadratic: 5,
  };
  for (const info of listEnvironments()) {
    const game = createEnvironment(info.name);
    const K = 10;
    const target = envTargets[info.name];
    for (const algo of ALGOS) {
      const row = bench.measure(
        `${algo.name} env:${info.name} (S=${game.nStates}, A=${game.nActions}, T=${game.horizon}) ×${K}`,
        () => solve(game, { ...algo.options, maxIterations: K, atol: null, rtol: null }),
        {
          unitsPerCall: K,
          unit: "iter",
          minTimeMs: 200,
          warmupMs: 50,
          ...(target !== undefined ? { minPerSecond: 1000 / target } : {}),
        },
      );
      row.note = `${(row.msPerCall / K).toFixed(4)} ms/iter`;
    }
  }
};

import { createRandomStream } from "@mfkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  factoredTransitionLaw,
  monteCarloDrift,
  ORACLE_MAX_FAST_STATES,
  oracleDrift,
  oracleTransitionLaw,
} from "./drift-checks.js";
import type { Learner, LearnerContext } from "./learner.js";
import { MarkovLearningModel } from "./learning-model.js";
import { randomMarkovGame } from "./random-game.js";

/**
 * A small learner used only to exercise the engine: softmax policy on its logits table, and an
 * update that depends on (s, a, r, s'): x[s,a] += r + ½·x[s',0] − x[s,a].
 */
function logitLearner({ game, player }: LearnerContext, rate: number, seed: number): Learner {
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const random = createRandomStream(seed, player);
  const init = Float64Array.from({ length: S * A }, () => 2 * random.next() - 1);
  return {
    rule: "test-logits",
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate,
    initialParams: init,
    policy(x, offset, s, out, outOffset) {
      let sum = 0;
      for (let b = 0; b < A; b++) sum += Math.exp(x[offset + s * A + b]!);
      for (let b = 0; b < A; b++) out[outOffset + b] = Math.exp(x[offset + s * A + b]!) / sum;
    },
    addIncrement(x, offset, e, weight, out, outOffset) {
      const cell = e.state * A + e.actions[player]!;
      out[outOffset + cell] +=
        weight * (e.rewards[player]! + 0.5 * x[offset + e.next * A]! - x[offset + cell]!);
    },
  };
}

const gameArb = fc.record({
  states: fc.integer({ min: 1, max: 3 }),
  actionCounts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
  successors: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
});

function buildModel(g: { states: number; actionCounts: number[]; successors: number; seed: number }) {
  const random = createRandomStream(g.seed);
  const game = randomMarkovGame(random, {
    states: g.states,
    actionCounts: g.actionCounts,
    successors: g.successors,
  });
  const learners = g.actionCounts.map((_, i) => logitLearner({ game, player: i }, 0.01 * (i + 1), g.seed));
  return new MarkovLearningModel(game, learners);
}

describe("MarkovLearningModel", () => {
  it("factored law ν(s)π(a|s)T(s,a,s') equals the |E|×|E| oracle (property)", () => {
    fc.assert(
      fc.property(gameArb, (g) => {
        const model = buildModel(g);
        const x = model.initialParams();
        const oracle = oracleTransitionLaw(model, x);
        const factored = factoredTransitionLaw(model, x);
        for (let e = 0; e < model.fastSize; e++)
          expect(Math.abs(oracle[e]! - factored[e]!)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("ν_x is stationary for K_x, sums to 1, and both marginals of μ_x equal ν_x (property)", () => {
    fc.assert(
      fc.property(gameArb, (g) => {
        const model = buildModel(g);
        const x = model.initialParams();
        const S = model.game.nStates;
        const J = model.game.nJointActions;
        const K = model.stateKernel(x);
        const nu = model.stationaryStateLaw(x);
        let total = 0;
        for (let s2 = 0; s2 < S; s2++) {
          let flow = 0;
          for (let s = 0; s < S; s++) flow += nu[s]! * K[s * S + s2]!;
          expect(Math.abs(flow - nu[s2]!)).toBeLessThan(1e-13);
          expect(nu[s2]!).toBeGreaterThanOrEqual(0);
          total += nu[s2]!;
        }
        expect(Math.abs(total - 1)).toBeLessThan(1e-13);
        const mu = factoredTransitionLaw(model, x);
        const first = new Float64Array(S);
        const last = new Float64Array(S);
        for (let s = 0; s < S; s++)
          for (let j = 0; j < J; j++)
            for (let s2 = 0; s2 < S; s2++) {
              first[s] = first[s]! + mu[model.fastIndex(s, j, s2)]!;
              last[s2] = last[s2]! + mu[model.fastIndex(s, j, s2)]!;
            }
        for (let s = 0; s < S; s++) {
          expect(Math.abs(first[s]! - nu[s]!)).toBeLessThan(1e-13);
          expect(Math.abs(last[s]! - nu[s]!)).toBeLessThan(1e-13);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("the factored drift equals the oracle drift Σ_e μ(e) f(x, e) (property)", () => {
    fc.assert(
      fc.property(gameArb, (g) => {
        const model = buildModel(g);
        const x = model.initialParams();
        const drift = new Float64Array(model.dim);
        model.drift(x, drift);
        const oracle = oracleDrift(model, x);
        for (let i = 0; i < model.dim; i++) expect(Math.abs(drift[i]! - oracle[i]!)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it("the drift equals the Monte-Carlo mean increment under μ_x within 4.5 standard errors", () => {
    // 4.5 SE per component: with ≤ 18 components a false alarm has probability < 18·7e-6.
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = buildModel({ states: 3, actionCounts: [2, 3], successors: 2, seed });
      const x = model.initialParams();
      const drift = new Float64Array(model.dim);
      model.drift(x, drift);
      const mc = monteCarloDrift(model, x, 40_000, createRandomStream(seed, 99));
      for (let i = 0; i < model.dim; i++) {
        const z = Math.abs(mc.mean[i]! - drift[i]!) / Math.max(mc.standardError[i]!, 1e-15);
        expect(z).toBeLessThan(4.5);
      }
    }
  });

  it("the time average of f along the frozen chain converges to the drift", () => {
    const model = buildModel({ states: 3, actionCounts: [2, 2], successors: 3, seed: 7 });
    const x = model.initialParams();
    const drift = new Float64Array(model.dim);
    model.drift(x, drift);
    const random = createRandomStream(7, 1);
    const e = model.createFastState();
    model.initFastState(x, e, random);
    // Batch means: 100 batches of 2000 steps, far longer than the mixing time of this dense 3-state
    // chain, are nearly independent, so their spread gives the standard error of the ergodic average.
    const batches = 100;
    const batchLength = 2000;
    const f = new Float64Array(model.dim);
    const batch = new Float64Array(model.dim);
    const sum = new Float64Array(model.dim);
    const sumSq = new Float64Array(model.dim);
    for (let m = 0; m < batches; m++) {
      batch.fill(0);
      for (let k = 0; k < batchLength; k++) {
        model.incrementAt(x, model.fastIndex(e.state, e.jointAction, e.next), f);
        for (let i = 0; i < model.dim; i++) batch[i] = batch[i]! + f[i]! / batchLength;
        model.advanceFastState(x, e, random);
      }
      for (let i = 0; i < model.dim; i++) {
        sum[i] = sum[i]! + batch[i]!;
        sumSq[i] = sumSq[i]! + batch[i]! ** 2;
      }
    }
    for (let i = 0; i < model.dim; i++) {
      const mean = sum[i]! / batches;
      const standardError = Math.sqrt(Math.max(0, sumSq[i]! / batches - mean ** 2) / (batches - 1));
      expect(Math.abs(mean - drift[i]!)).toBeLessThanOrEqual(4.5 * standardError + 1e-13);
    }
  });

  it("the dense oracle refuses games beyond ORACLE_MAX_FAST_STATES with a typed error", () => {
    const model = buildModel({ states: 24, actionCounts: [2, 2], successors: 2, seed: 3 });
    expect(model.fastSize).toBeGreaterThan(ORACLE_MAX_FAST_STATES);
    expect(() => oracleTransitionLaw(model, model.initialParams())).toThrow(
      expect.objectContaining({ code: "invalid-shape", path: ["game"] }),
    );
  });

  it("rejects a learner count that does not match the game", () => {
    const model = buildModel({ states: 2, actionCounts: [2, 2], successors: 2, seed: 3 });
    expect(() => new MarkovLearningModel(model.game, [model.learners[0]!])).toThrow(
      /2 players but 1 learners/,
    );
  });
});

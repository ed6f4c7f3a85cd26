/**
 * Batch updates, step-size schedules and stochastic rewards (docs/learners.md, "Combinators"):
 * their exact effect on the limit, checked against Monte-Carlo estimates (4.5 standard errors per
 * component) and against the ODE.
 */
import { createRandomStream, simulateReplicas, solveLimitOde } from "@mfkit/core";
import {
  discreteRewardNoise,
  gaussianRewardNoise,
  powerSchedule,
  type RewardNoise,
  readBatchSize,
  stepScheduleFromJson,
} from "@mfkit/markov-game";
import { describe, expect, it } from "vitest";
import { simulationError } from "./convergence-fixtures.js";
import { NEW_RULES, randomRuleModel, sampledMeanIncrement } from "./rule-fixtures.js";

const setup = { states: 3, actionCounts: [2, 2], successors: 2, seed: 3 };

function expectWithin(mean: ArrayLike<number>, target: ArrayLike<number>, se: ArrayLike<number>) {
  for (let i = 0; i < mean.length; i++) {
    expect(Math.abs(mean[i]! - target[i]!)).toBeLessThanOrEqual(4.5 * se[i]! + 1e-13);
  }
}

/** Mean and standard error of `draw()` (a vector) over N independent calls. */
function sampleMean(dim: number, N: number, draw: (out: Float64Array) => void) {
  const f = new Float64Array(dim);
  const sum = new Float64Array(dim);
  const sumSq = new Float64Array(dim);
  for (let k = 0; k < N; k++) {
    f.fill(0);
    draw(f);
    for (let d = 0; d < dim; d++) {
      sum[d] = sum[d]! + f[d]!;
      sumSq[d] = sumSq[d]! + f[d]! ** 2;
    }
  }
  const mean = sum.map((v) => v / N);
  const se = sumSq.map((v, d) => Math.sqrt(Math.max(0, v / N - mean[d]! ** 2) / (N - 1)));
  return { mean, se };
}

describe("batch updates", () => {
  it("the mean batch increment from the stationary law equals the per-update drift for every B", () => {
    for (const rule of ["q-learning", "sarsa", "cross-learning"]) {
      const probe = randomRuleModel(rule, setup);
      const x = probe.initialParams();
      const drift = new Float64Array(probe.dim);
      probe.drift(x, drift);
      const nu = Array.from(probe.stationaryStateLaw(x));
      const spread: number[] = [];
      for (const B of [2, 8]) {
        // Start each block from ν_x: every transition of the block is then ~ μ_x.
        const model = randomRuleModel(rule, setup, { batchSize: B, initialStateLaw: nu });
        const e = model.createFastState();
        const random = createRandomStream(B, 1);
        const { mean, se } = sampleMean(model.dim, 8000, (out) => {
          model.initFastState(x, e, random);
          out.set(e.batch);
        });
        expectWithin(mean, drift, se);
        spread.push(Math.max(...se));
      }
      // Fluctuations shrink with the batch.
      expect(spread[1]!).toBeLessThan(spread[0]!);
    }
  });

  it("simulations with B = 4 follow the same ODE on the update clock, not on the transition clock", () => {
    const alpha = 0.02;
    const batched = randomRuleModel("q-learning", setup, { batchSize: 4 }, { alpha });
    const { error, noise } = simulationError(batched, 4, 400, 5);
    // 4.5 SE + O(α) bias |E X − x| ≤ 0.5·α (measured 0.21·α: 0.0042 at α = .02, 0.0019 at .01, R = 10⁵)
    expect(error).toBeLessThan(4.5 * noise + 0.5 * alpha);
    // On the transition clock the same simulation sits at τ' = 4·τ: far from x(τ').
    const eps = batched.referenceRate;
    const steps = Math.round(4 / eps);
    const sim = simulateReplicas(batched, {
      x0: batched.initialParams(),
      scale: eps,
      recordSteps: [steps],
      runs: 100,
      seed: 6,
    });
    const ode = solveLimitOde(batched, batched.initialParams(), {
      referenceRate: eps,
      horizon: 16,
      evalTimes: [4, 16],
    });
    const dist = (y: Float64Array) => Math.max(...Array.from(y, (v, i) => Math.abs(v - sim.mean[0]![i]!)));
    expect(dist(ode.y[0]!)).toBeLessThan(0.2 * dist(ode.y[1]!));
  });

  it("rejects batch sizes that are not integers ≥ 1, naming the field", () => {
    for (const bad of [0, -1, 2.5, "4"]) {
      expect(() => readBatchSize(bad, ["batchSize"])).toThrow(
        expect.objectContaining({ path: ["batchSize"] }),
      );
      expect(() => randomRuleModel("q-learning", setup, { batchSize: bad as number })).toThrow(
        expect.objectContaining({ code: "invalid-argument" }),
      );
    }
  });
});

describe("stochastic rewards", () => {
  const noises: [string, (m: ReturnType<typeof randomRuleModel>) => RewardNoise][] = [
    ["gaussian σ = 1", (m) => gaussianRewardNoise(m.game, 1)],
    ["discrete ±0.8 / 0", (m) => discreteRewardNoise(m.game, [-0.8, 0, 0.8], [0.25, 0.5, 0.25])],
  ];

  it("the samplers have the game's mean and the stated variance (4.5 SE)", () => {
    const m = randomRuleModel("q-learning", setup);
    for (const [, make] of noises) {
      const noise = make(m);
      const random = createRandomStream(12);
      const out = new Float64Array(2);
      const N = 40_000;
      let sum = 0;
      let sumSq = 0;
      for (let k = 0; k < N; k++) {
        noise.sampler(1, 2, random, out);
        sum += out[1]!;
        sumSq += out[1]! ** 2;
      }
      const mean = sum / N;
      const variance = sumSq / N - mean ** 2;
      const expected = m.game.rewards[(1 * 4 + 2) * 2 + 1]!;
      expect(Math.abs(mean - expected)).toBeLessThan(4.5 * Math.sqrt(variance / N));
      expect(Math.abs(variance - noise.variance(1, 2, 1)) / noise.variance(1, 2, 1)).toBeLessThan(0.05);
    }
  });

  it.each([...NEW_RULES, "q-learning"])(
    "%s: the mean increment with noisy rewards equals the drift of the means",
    (rule) => {
      const m = randomRuleModel(rule, setup);
      const x = m.initialParams();
      const drift = new Float64Array(m.dim);
      m.drift(x, drift);
      for (const [, make] of noises) {
        const mc = sampledMeanIncrement(m, x, 20_000, createRandomStream(13), make(m).sampler);
        expectWithin(mc.mean, drift, mc.standardError);
      }
    },
  );

  it("simulations with noisy rewards converge to the ODE of the mean rewards as the step shrinks", () => {
    const alphas = [0.08, 0.02];
    const errors = alphas.map((alpha) => {
      const probe = randomRuleModel("expected-sarsa", setup);
      const noise = gaussianRewardNoise(probe.game, 0.5);
      const m = randomRuleModel("expected-sarsa", setup, { rewardSampler: noise.sampler }, { alpha });
      return simulationError(m, 4, 2000, 17);
    });
    expect(errors[1]!.error).toBeLessThan(0.6 * errors[0]!.error);
    // 4.5 SE + O(α) bias |E X − x| ≤ 1.5·α (measured 0.78·α: 0.0155 at α = .02, 0.0074 at .01, R = 10⁵)
    expect(errors[1]!.error).toBeLessThan(4.5 * errors[1]!.noise + 1.5 * alphas[1]!);
  });

  it("rejects noise with a nonzero mean or a bad law, naming the field", () => {
    const m = randomRuleModel("q-learning", setup);
    expect(() => discreteRewardNoise(m.game, [1, 0], [0.5, 0.5], ["game", "rewardNoise"])).toThrow(
      expect.objectContaining({ path: ["game", "rewardNoise", "values"] }),
    );
    expect(() => discreteRewardNoise(m.game, [1, -1], [0.7, 0.7], ["game", "rewardNoise"])).toThrow(
      expect.objectContaining({ path: ["game", "rewardNoise", "probabilities"] }),
    );
    expect(() => gaussianRewardNoise(m.game, -1, ["game", "rewardNoise", "std"])).toThrow(
      expect.objectContaining({ path: ["game", "rewardNoise", "std"] }),
    );
  });
});

describe("step-size schedules", () => {
  it("G(k) is the running sum of g and stepAt inverts it", () => {
    const schedule = powerSchedule(0.7, 50);
    let sum = 0;
    for (let k = 0; k < 5000; k++) {
      expect(schedule.cumulative(k)).toBeCloseTo(sum, 9);
      sum += (1 + k / 50) ** -0.7;
    }
    for (const k of [0, 1, 17, 999, 4321]) expect(schedule.stepAt(schedule.cumulative(k))).toBe(k);
    expect(() => stepScheduleFromJson({ kind: "power", power: 2, offset: 10 })).toThrow(
      expect.objectContaining({ path: ["stepSchedule", "power"] }),
    );
    expect(() => stepScheduleFromJson({ kind: "cosine" })).toThrow(
      expect.objectContaining({ path: ["stepSchedule", "kind"] }),
    );
  });

  it("a decreasing schedule follows the same ODE at τ = ε·G(k)", () => {
    const schedule = powerSchedule(1, 100);
    const alpha = 0.04;
    const m = randomRuleModel("q-learning", setup, { stepSchedule: schedule }, { alpha });
    const eps = m.referenceRate;
    const recordSteps = [50, 150, 400];
    const times = recordSteps.map((k) => eps * schedule.cumulative(k));
    const sim = simulateReplicas(m, { x0: m.initialParams(), scale: eps, recordSteps, runs: 1000, seed: 8 });
    const ode = solveLimitOde(m, m.initialParams(), {
      referenceRate: eps,
      horizon: times[2]!,
      evalTimes: times,
      rtol: 1e-10,
      atol: 1e-12,
    });
    const naive = solveLimitOde(m, m.initialParams(), {
      referenceRate: eps,
      horizon: eps * 400,
      evalTimes: recordSteps.map((k) => eps * k),
    });
    let error = 0;
    let naiveError = 0;
    let noise = 0;
    for (let r = 0; r < recordSteps.length; r++) {
      for (let d = 0; d < m.dim; d++) {
        error = Math.max(error, Math.abs(sim.mean[r]![d]! - ode.y[r]![d]!));
        naiveError = Math.max(naiveError, Math.abs(sim.mean[r]![d]! - naive.y[r]![d]!));
        noise = Math.max(noise, sim.std[r]![d]! / Math.sqrt(sim.runs));
      }
    }
    // 4.5 SE + O(α) bias |E X − x| ≤ 0.75·α (measured 0.59·α: 0.0237 at α = .04, 0.0108 at .02, R = 10⁵)
    expect(error).toBeLessThan(4.5 * noise + 0.75 * alpha);
    expect(naiveError).toBeGreaterThan(5 * error);
  });
});

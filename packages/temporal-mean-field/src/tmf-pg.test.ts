/**
 * TMF-PG's sample-mode rollouts (`rolloutEpisode`) are steps of the agent-by-agent simulator: the
 * same draws, states and empirical flow as an AgentPopulation driven by hand, with the per-agent
 * record and (for gradient rollouts) r, P, P0 at a fixed flow. The learning tests are in
 * equilibrium.test.ts ("TMF-PG").
 */
import { createRandomStream } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { AgentPopulation } from "./agent-simulation.js";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";
import { type Activation, activationRate } from "./model.js";
import { meanFieldFlow } from "./recursion.js";
import { randomPolicy } from "./test-helpers.js";
import { RolloutBuffers, rolloutEpisode } from "./tmf-pg.js";

const queueing = createQueueing({ capacities: [0.3, 0.4], horizon: 8 });
const resource = createResourceSelection({ capacities: [0.2, 0.3, 0.5], switchingCost: 0.1, horizon: 8 });
const N = 400;
const activations: Array<[string, Activation]> = [
  ["B = N", { kind: "uniform", batch: N }],
  ["B = N/40", { kind: "uniform", batch: N / 40 }],
  ["B = N/2", { kind: "uniform", batch: N / 2 }],
  ["Bernoulli(0.3)", { kind: "bernoulli", p: 0.3 }],
  ["round-robin B = 70", { kind: "roundRobin", batch: 70 }],
];

describe("rolloutEpisode steps the agent-by-agent simulator", () => {
  for (const [gameLabel, game] of [
    ["queueing", queueing],
    ["resource selection", resource],
  ] as const) {
    for (const [label, activation] of activations) {
      it(`${gameLabel}, ${label}: same states, actions, rewards and μ̂ as a hand-driven AgentPopulation (own μ̂ and fixed flow)`, () => {
        const nO = game.nObs;
        const T = game.horizon;
        const policy = randomPolicy(game, createRandomStream(21));
        for (const flow of [undefined, meanFieldFlow(game, policy, activationRate(activation, N))]) {
          // Fresh buffers: a reused population keeps its Fisher–Yates permutation across episodes.
          const ep = rolloutEpisode(game, policy, N, activation, createRandomStream(22, 1), flow);
          const random = createRandomStream(22, 1);
          const population = new AgentPopulation(game, N, activation);
          population.resetRandom(game.mu0, random);
          const actions = new Int32Array(N);
          const rewards = new Float64Array(N);
          const mu = new Float64Array(nO);
          let mismatches = 0;
          for (let t = 0; t <= T; t++) {
            population.empirical(mu);
            for (let o = 0; o < nO; o++) if (ep.empirical[t * nO + o] !== mu[o]) mismatches += 1;
            for (let i = 0; i < N; i++) if (ep.states[t * N + i] !== population.states[i]) mismatches += 1;
            const meanField = flow?.subarray(t * nO, (t + 1) * nO);
            population.step(policy, random, { meanField, actions, rewards });
            for (let i = 0; i < N; i++) {
              if (ep.actions[t * N + i] !== actions[i] || ep.rewards[t * N + i] !== rewards[i])
                mismatches += 1;
            }
          }
          expect(mismatches).toBe(0);
        }
      });
    }
  }

  it("against a fixed flow, every recorded reward is r(o, a) or r0(o) at flow_t", () => {
    for (const game of [queueing, resource]) {
      const nO = game.nObs;
      const nA = game.nActions;
      const activation: Activation = { kind: "bernoulli", p: 0.4 };
      const policy = randomPolicy(game, createRandomStream(31));
      const flow = meanFieldFlow(game, policy, 0.4);
      const ep = rolloutEpisode(game, policy, N, activation, createRandomStream(32), flow);
      const r = new Float64Array(nO * nA);
      const r0 = new Float64Array(nO);
      let wrong = 0;
      let active = 0;
      for (let t = 0; t <= game.horizon; t++) {
        const at = flow.subarray(t * nO, (t + 1) * nO);
        game.activeReward(at, r);
        game.passiveReward(at, r0);
        for (let i = 0; i < N; i++) {
          const cell = t * N + i;
          const o = ep.states[cell];
          const a = ep.actions[cell];
          if (a >= 0) active += 1;
          if (ep.rewards[cell] !== (a >= 0 ? r[o * nA + a] : r0[o])) wrong += 1;
        }
      }
      expect(wrong).toBe(0);
      // About ρ·N·(T + 1) active decisions (well within 6 standard deviations).
      const cells = N * (game.horizon + 1);
      expect(Math.abs(active - 0.4 * cells)).toBeLessThan(6 * Math.sqrt(cells * 0.4 * 0.6));
    }
  });

  it("rejects buffers made for another N or activation (an equal activation object is accepted)", () => {
    const activation: Activation = { kind: "uniform", batch: 10 };
    const policy = randomPolicy(resource, createRandomStream(1));
    const buffers = new RolloutBuffers(resource, 20, activation);
    const random = createRandomStream(2);
    expect(() =>
      rolloutEpisode(resource, policy, 20, { kind: "uniform", batch: 5 }, random, undefined, buffers),
    ).toThrow(/buffers/);
    expect(() => rolloutEpisode(resource, policy, 30, activation, random, undefined, buffers)).toThrow(
      /buffers/,
    );
    expect(() =>
      rolloutEpisode(resource, policy, 20, { kind: "roundRobin", batch: 10 }, random, undefined, buffers),
    ).toThrow(/buffers/);
    expect(rolloutEpisode(resource, policy, 20, activation, random, undefined, buffers)).toBe(buffers);
    expect(
      rolloutEpisode(resource, policy, 20, { kind: "uniform", batch: 10 }, random, undefined, buffers),
    ).toBe(buffers);
  });
});

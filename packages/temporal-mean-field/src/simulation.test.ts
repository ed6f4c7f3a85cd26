import { createRandomStream } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { AgentPopulation } from "./agent-simulation.js";
import { CountPopulation } from "./count-simulation.js";
import { createQueueing } from "./games/queueing.js";
import { createResourceSelection } from "./games/resource-selection.js";
import type { Activation, TemporalMeanFieldGame } from "./model.js";
import { meanFieldFlow, recursionStep, TmfWorkspace } from "./recursion.js";
import { simulatePopulation } from "./simulate.js";
import { chiSquareGoodnessOfFit, chiSquareTwoSample } from "./statistics.js";
import { randomPolicy } from "./test-helpers.js";

// Significance of every distributional test below (fixed seeds, so the outcome is deterministic).
const ALPHA = 1e-3;

const queueing = createQueueing({ capacities: [0.3, 0.4], horizon: 10 });
const resource = createResourceSelection({ capacities: [0.2, 0.3, 0.5], switchingCost: 0.1, horizon: 10 });

/** Per-agent next-state law, computed straight from the kernels (independent of recursionStep). */
function agentLaws(game: TemporalMeanFieldGame, states: number[], pi: Float64Array) {
  const nO = game.nObs;
  const nA = game.nActions;
  const mu = new Float64Array(nO);
  for (const s of states) mu[s] += 1 / states.length;
  const P = new Float64Array(nO * nA * nO);
  const P0 = new Float64Array(nO * nO);
  game.activeKernel(mu, P);
  game.passiveKernel(mu, P0);
  return states.map((o) => {
    const active = new Float64Array(nO);
    for (let a = 0; a < nA; a++)
      for (let n = 0; n < nO; n++) active[n] += pi[o * nA + a] * P[(o * nA + a) * nO + n];
    return { active, idle: P0.slice(o * nO, (o + 1) * nO) };
  });
}

/** All subsets of {0..n−1} as bit masks with their probability under the activation. */
function activeSets(n: number, activation: Activation): Array<[number, number]> {
  const sets: Array<[number, number]> = [];
  const size = (m: number) => m.toString(2).replace(/0/g, "").length;
  const b = activation.kind === "bernoulli" ? 0 : activation.batch;
  let count = 0;
  for (let m = 0; m < 1 << n; m++) if (size(m) === b) count += 1;
  for (let m = 0; m < 1 << n; m++) {
    if (activation.kind === "bernoulli") {
      const k = size(m);
      sets.push([m, activation.p ** k * (1 - activation.p) ** (n - k)]);
    } else if (size(m) === b) sets.push([m, 1 / count]);
  }
  return sets;
}

/** Exact law of the next count vector (key = counts joined by ","), by enumeration. */
function exactNextLaw(
  game: TemporalMeanFieldGame,
  states: number[],
  pi: Float64Array,
  activation: Activation,
) {
  const laws = agentLaws(game, states, pi);
  const nO = game.nObs;
  const law = new Map<string, number>();
  for (const [mask, weight] of activeSets(states.length, activation)) {
    let partial = new Map<string, number>([[new Array(nO).fill(0).join(","), weight]]);
    states.forEach((_, i) => {
      const row = (mask >> i) & 1 ? laws[i].active : laws[i].idle;
      const next = new Map<string, number>();
      for (const [key, p] of partial) {
        const counts = key.split(",").map(Number);
        for (let o = 0; o < nO; o++) {
          if (row[o] === 0) continue;
          counts[o] += 1;
          const k = counts.join(",");
          next.set(k, (next.get(k) ?? 0) + p * row[o]);
          counts[o] -= 1;
        }
      }
      partial = next;
    });
    for (const [key, p] of partial) law.set(key, (law.get(key) ?? 0) + p);
  }
  return law;
}

describe("one-step law at tiny N (exact enumeration)", () => {
  const cases: Array<[string, TemporalMeanFieldGame, number[], Activation]> = [
    ["queueing, B = 2 of 4", queueing, [0, 1, 1, 2], { kind: "uniform", batch: 2 }],
    ["queueing, Bernoulli(0.4)", queueing, [0, 0, 1, 2], { kind: "bernoulli", p: 0.4 }],
    ["resource, B = 1 of 4", resource, [0, 1, 2, 2], { kind: "uniform", batch: 1 }],
    ["resource, B = N = 3", resource, [0, 2, 2], { kind: "uniform", batch: 3 }],
  ];
  for (const [label, game, states, activation] of cases) {
    it(`${label}: recursion = exact conditional mean; both simulators match the exact law (χ², α = ${ALPHA})`, () => {
      const random = createRandomStream(21);
      const pi = randomPolicy(game, random, 1);
      const n = states.length;
      const law = exactNextLaw(game, states, pi, activation);
      const nO = game.nObs;
      // Conditional mean from the exact law vs the recursion.
      const mean = new Float64Array(nO);
      for (const [key, p] of law) {
        const parts = key.split(",");
        for (let o = 0; o < nO; o++) mean[o] += (p * Number(parts[o])) / n;
      }
      const mu = new Float64Array(nO);
      for (const s of states) mu[s] += 1 / n;
      const rho = activation.kind === "bernoulli" ? activation.p : activation.batch / n;
      const next = new Float64Array(nO);
      recursionStep(new TmfWorkspace(game), mu, pi, rho, next);
      for (let o = 0; o < nO; o++) expect(Math.abs(mean[o] - next[o])).toBeLessThan(1e-12);
      // Both simulators: χ² goodness of fit of the next count vector against the exact law.
      const keys = [...law.keys()];
      const index = new Map(keys.map((k, i) => [k, i]));
      const reps = 20_000;
      for (const kind of ["agent", "count"] as const) {
        const samples = new Float64Array(reps);
        const stream = createRandomStream(kind === "agent" ? 102 : 202, n);
        const counts = new Float64Array(nO);
        for (const s of states) counts[s] += 1;
        const initialStates = Int32Array.from(states);
        const agents = new AgentPopulation(game, n, activation, initialStates);
        const population = new CountPopulation(game, n, activation, counts);
        for (let r = 0; r < reps; r++) {
          if (kind === "agent") agents.reset(initialStates);
          else population.reset(counts);
          const pop = kind === "agent" ? agents : population;
          pop.step(pi, stream);
          samples[r] = index.get(Array.from(pop.counts).join(",")) ?? -1;
          expect(samples[r]).toBeGreaterThanOrEqual(0);
        }
        const test = chiSquareGoodnessOfFit(samples, (k) => law.get(keys[k]) ?? 0, [0, keys.length - 1]);
        expect(test.pValue).toBeGreaterThan(ALPHA);
      }
    });
  }
});

describe("conditional mean at larger N (Monte Carlo, 4 standard errors)", () => {
  for (const activation of [
    { kind: "uniform", batch: 500 },
    { kind: "bernoulli", p: 0.25 },
  ] as Activation[]) {
    it(`E[μ̂_{t+1} | μ̂_t] = Φ(μ̂_t) for ${activation.kind}, N = 2000, both simulators`, () => {
      const n = 2000;
      const game = queueing;
      const initial = Float64Array.from([700, 800, 500]);
      const random = createRandomStream(3);
      const pi = randomPolicy(game, random, 1);
      const mu = Float64Array.from(initial, (c) => c / n);
      const expected = new Float64Array(game.nObs);
      recursionStep(
        new TmfWorkspace(game),
        mu,
        pi,
        activation.kind === "bernoulli" ? activation.p : 0.25,
        expected,
      );
      const reps = 3000;
      for (const kind of ["agent", "count"] as const) {
        const sum = new Float64Array(game.nObs);
        const sumSq = new Float64Array(game.nObs);
        const stream = createRandomStream(kind, 1);
        const states = new Int32Array(n);
        let i = 0;
        for (let o = 0; o < 3; o++) for (let c = 0; c < initial[o]; c++) states[i++] = o;
        const agents = new AgentPopulation(game, n, activation, states);
        const population = new CountPopulation(game, n, activation, initial);
        for (let r = 0; r < reps; r++) {
          if (kind === "agent") agents.reset(states);
          else population.reset(initial);
          const pop = kind === "agent" ? agents : population;
          pop.step(pi, stream);
          for (let o = 0; o < game.nObs; o++) {
            const v = pop.counts[o] / n;
            sum[o] += v;
            sumSq[o] += v * v;
          }
        }
        for (let o = 0; o < game.nObs; o++) {
          const m = sum[o] / reps;
          const se = Math.sqrt((sumSq[o] / reps - m * m) / (reps - 1));
          expect(Math.abs(m - expected[o])).toBeLessThan(4 * se);
        }
      }
    });
  }
});

describe("agent-by-agent vs count-based over a trajectory (two-sample χ², α = 1e-3 each)", () => {
  const setups: Array<[string, TemporalMeanFieldGame, Activation]> = [
    ["queueing, B = 15 of 60", queueing, { kind: "uniform", batch: 15 }],
    ["queueing, B = N", queueing, { kind: "uniform", batch: 60 }],
    ["resource, B = 1", resource, { kind: "uniform", batch: 1 }],
    ["resource, Bernoulli(0.3)", resource, { kind: "bernoulli", p: 0.3 }],
  ];
  for (const [label, game, activation] of setups) {
    it(label, () => {
      const n = 60;
      const reps = 2000;
      const steps = activation.kind === "uniform" && activation.batch === 1 ? 120 : 10;
      const pi = randomPolicy(game, createRandomStream(8), 1);
      const finals = { agent: [] as Float64Array[], count: [] as Float64Array[] };
      for (const kind of ["agent", "count"] as const) {
        for (let o = 0; o < game.nObs; o++) finals[kind].push(new Float64Array(reps));
        for (let r = 0; r < reps; r++) {
          const run = simulatePopulation(game, pi, {
            populationSize: n,
            activation,
            steps,
            seed: kind === "agent" ? 1001 : 2002,
            streamIndex: r,
            simulator: kind,
          });
          for (let o = 0; o < game.nObs; o++)
            finals[kind][o][r] = Math.round(run.empirical[steps * game.nObs + o] * n);
        }
      }
      for (let o = 0; o < game.nObs - 1; o++) {
        const test = chiSquareTwoSample(finals.agent[o], finals.count[o]);
        expect(test.pValue).toBeGreaterThan(ALPHA);
      }
    });
  }
});

describe("count-based simulator at any N", () => {
  it("runs N = 1e9 exactly (integer counts) and tracks the recursion to within 2/√N", () => {
    const game = createQueueing({ horizon: 20 });
    const pi = randomPolicy(game, createRandomStream(4), 1);
    const run = simulatePopulation(game, pi, {
      populationSize: 1e9,
      activation: { kind: "uniform", batch: 3e8 },
      seed: 1,
      simulator: "count",
    });
    const flow = meanFieldFlow(game, pi, 0.3);
    // The fluctuations of μ̂_t are O(1/√N) ≈ 3.2e-5; over seeds 1..40 the largest entry error was
    // 1.0e-5 to 2.8e-5, so 2/√N leaves a margin of two. N·μ̂ must come back as whole counts.
    const tolerance = 2 / Math.sqrt(1e9);
    for (let i = 0; i < flow.length; i++) {
      const count = run.empirical[i] * 1e9;
      expect(count).toBe(Math.round(count));
      expect(Math.abs(run.empirical[i] - flow[i])).toBeLessThan(tolerance);
    }
  });

  it("is deterministic: the same seed gives bit-identical output", () => {
    const pi = randomPolicy(queueing, createRandomStream(4), 1);
    for (const simulator of ["agent", "count"] as const) {
      const options = {
        populationSize: 500,
        activation: { kind: "bernoulli", p: 0.3 } as Activation,
        seed: 7,
        simulator,
      };
      const a = simulatePopulation(queueing, pi, options);
      const b = simulatePopulation(queueing, pi, options);
      expect(Array.from(a.empirical)).toEqual(Array.from(b.empirical));
      expect(a.returnPerAgent).toBe(b.returnPerAgent);
    }
  });

  it("rejects round-robin activation (not exchangeable), which the agent simulator runs", () => {
    expect(() => new CountPopulation(queueing, 10, { kind: "roundRobin", batch: 3 })).toThrow(/round-robin/);
    const pop = new AgentPopulation(queueing, 10, { kind: "roundRobin", batch: 3 });
    const pi = randomPolicy(queueing, createRandomStream(1), 1);
    pop.step(pi, createRandomStream(1));
    let total = 0;
    for (const c of pop.counts) total += c;
    expect(total).toBe(10);
  });
});

describe("agent-by-agent step options (the kernel TMF-PG's rollouts share)", () => {
  const n = 3000;
  const activations: Array<[string, Activation]> = [
    ["B = N (register hot loop)", { kind: "uniform", batch: n }],
    ["B = N/100 (partial Fisher–Yates when P0 = id)", { kind: "uniform", batch: n / 100 }],
    ["B = N/2 (selection sampling)", { kind: "uniform", batch: n / 2 }],
    ["Bernoulli(0.3)", { kind: "bernoulli", p: 0.3 }],
    ["round-robin B = 700", { kind: "roundRobin", batch: 700 }],
  ];
  for (const [gameLabel, game] of [
    ["queueing", queueing],
    ["resource selection", resource],
  ] as const) {
    for (const [label, activation] of activations) {
      it(`${gameLabel}, ${label}: a recorded step is the unrecorded step (same draws), and its record is each agent's action and reward`, () => {
        const nA = game.nActions;
        const pi = randomPolicy(game, createRandomStream(3), game.horizon + 1);
        const plain = new AgentPopulation(game, n, activation, game.mu0, createRandomStream(4));
        const recorded = new AgentPopulation(game, n, activation, game.mu0, createRandomStream(4));
        const randomPlain = createRandomStream(5);
        const randomRecorded = createRandomStream(5);
        const actions = new Int32Array(n);
        const rewards = new Float64Array(n);
        const r = new Float64Array(game.nObs * nA);
        const r0 = new Float64Array(game.nObs);
        const mu = new Float64Array(game.nObs);
        for (let t = 0; t < 6; t++) {
          const before = Int32Array.from(recorded.states);
          recorded.empirical(mu);
          game.activeReward(mu, r);
          game.passiveReward(mu, r0);
          const total = plain.step(pi, randomPlain);
          expect(recorded.step(pi, randomRecorded, { actions, rewards })).toBe(total);
          expect(Array.from(recorded.states)).toEqual(Array.from(plain.states));
          expect(Array.from(recorded.counts)).toEqual(Array.from(plain.counts));
          let sum = 0;
          let active = 0;
          let wrong = 0;
          for (let i = 0; i < n; i++) {
            const a = actions[i];
            const o = before[i];
            if (a < -1 || a >= nA || rewards[i] !== (a >= 0 ? r[o * nA + a] : r0[o])) wrong += 1;
            // An idle agent moves only by P0 (stays put when P0 = id).
            if (a < 0 && game.passiveIsIdentity && recorded.states[i] !== o) wrong += 1;
            if (a >= 0) active += 1;
            sum += rewards[i];
          }
          expect(wrong).toBe(0);
          // Σ_i r^i_t is the step's total, which the simulator sums from its (o, a) decision counts:
          // a recorded action other than the one counted would change it.
          expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
          if (activation.kind !== "bernoulli") expect(active).toBe(activation.batch);
        }
      });
    }
  }

  it("B = N: the recorded (a, o′) of the agents in each state follow π(a|o)P(o′|o, a) (χ², α = 1e-3)", () => {
    const game = queueing;
    const nO = game.nObs;
    const nA = game.nActions;
    const size = 20_000;
    const pi = randomPolicy(game, createRandomStream(8), 1);
    const population = new AgentPopulation(
      game,
      size,
      { kind: "uniform", batch: size },
      game.mu0,
      createRandomStream(9),
    );
    const before = Int32Array.from(population.states);
    const mu = population.empirical(new Float64Array(nO));
    const kernel = new Float64Array(nO * nA * nO);
    game.activeKernel(mu, kernel);
    const actions = new Int32Array(size);
    population.step(pi, createRandomStream(10), { actions });
    for (let o = 0; o < nO; o++) {
      const samples: number[] = [];
      for (let i = 0; i < size; i++)
        if (before[i] === o) samples.push(actions[i] * nO + population.states[i]);
      if (samples.length < 200) continue;
      const pmf = (k: number) =>
        pi[o * nA + Math.floor(k / nO)] * kernel[(o * nA + Math.floor(k / nO)) * nO + (k % nO)];
      expect(chiSquareGoodnessOfFit(samples, pmf, [0, nA * nO - 1]).pValue).toBeGreaterThan(ALPHA);
    }
  });

  it("meanField: at the population's own μ̂ the step is bit-identical; at a fixed ν the rewards are r(ν)", () => {
    for (const game of [queueing, resource]) {
      const nA = game.nActions;
      const activation: Activation = { kind: "bernoulli", p: 0.5 };
      const pi = randomPolicy(game, createRandomStream(11), game.horizon + 1);
      const a = new AgentPopulation(game, 500, activation, game.mu0, createRandomStream(12));
      const b = new AgentPopulation(game, 500, activation, game.mu0, createRandomStream(12));
      const randomA = createRandomStream(13);
      const randomB = createRandomStream(13);
      const mu = new Float64Array(game.nObs);
      for (let t = 0; t < 5; t++) {
        const total = a.step(pi, randomA);
        expect(b.step(pi, randomB, { meanField: b.empirical(mu) })).toBe(total);
        expect(Array.from(b.states)).toEqual(Array.from(a.states));
      }
      const nu = new Float64Array(game.nObs).fill(1 / game.nObs);
      const r = new Float64Array(game.nObs * nA);
      const r0 = new Float64Array(game.nObs);
      game.activeReward(nu, r);
      game.passiveReward(nu, r0);
      const before = Int32Array.from(b.states);
      const actions = new Int32Array(500);
      const rewards = new Float64Array(500);
      b.step(pi, randomB, { meanField: nu, actions, rewards });
      let wrong = 0;
      for (let i = 0; i < 500; i++) {
        const o = before[i];
        if (rewards[i] !== (actions[i] >= 0 ? r[o * nA + actions[i]] : r0[o])) wrong += 1;
      }
      expect(wrong).toBe(0);
    }
  });

  it("rejects a rewards record without actions and records shorter than N", () => {
    const pop = new AgentPopulation(resource, 10, { kind: "uniform", batch: 10 });
    const pi = randomPolicy(resource, createRandomStream(1), 1);
    expect(() => pop.step(pi, createRandomStream(1), { rewards: new Float64Array(10) })).toThrow(/actions/);
    expect(() => pop.step(pi, createRandomStream(1), { actions: new Int32Array(9) })).toThrow(/length/);
  });
});

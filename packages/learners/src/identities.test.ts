/**
 * Exact identities between rules and classical dynamics (≤ 1e-12), and qualitative behaviour of
 * their limits along accurate ODE solves.
 */
import { createRandomStream, type RandomSource, solveOde } from "@mfkit/core";
import {
  type MarkovGame,
  MarkovLearningModel,
  normalFormGame,
  normalFormPreset,
  randomMarkovGame,
} from "@mfkit/markov-game";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { learnerFromSpec } from "./registry.js";
import { randomRuleModel, sampledMeanIncrement } from "./rule-fixtures.js";

const simplex = (random: RandomSource, size: number) => {
  const w = Array.from({ length: size }, () => 0.05 + random.next());
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
};

/** u_i(b) = Σ_{a_{−i}} Π_{k≠i} x_k(a_k) R_i(b, a_{−i}) in a normal-form game, computed independently. */
function expectedPayoffs(game: MarkovGame, strategies: number[][], player: number): number[] {
  const n = game.nPlayers;
  const out = new Array<number>(game.actionCounts[player]!).fill(0);
  for (let j = 0; j < game.nJointActions; j++) {
    const a = Array.from(game.jointActions.subarray(j * n, (j + 1) * n));
    let p = 1;
    for (let k = 0; k < n; k++) if (k !== player) p *= strategies[k]![a[k]!]!;
    out[a[player]!]! += p * game.rewards[j * n + player]!;
  }
  return out;
}

function model(game: MarkovGame, specs: Record<string, unknown>[], referenceRate = 1) {
  return new MarkovLearningModel(
    game,
    specs.map((spec, i) => learnerFromSpec(game, i, spec, ["learners", i])),
    { referenceRate },
  );
}

/** Two models with the same parameter layout have the same drift at the first one's x(0), to 1e-12. */
function expectEqualDrifts(
  a: MarkovLearningModel,
  b: MarkovLearningModel,
  method: "drift" | "driftByEnumeration",
) {
  const x = a.initialParams();
  const fa = new Float64Array(a.dim);
  const fb = new Float64Array(b.dim);
  a[method](x, fa);
  b[method](x, fb);
  for (let d = 0; d < a.dim; d++) expect(Math.abs(fa[d]! - fb[d]!)).toBeLessThan(1e-12);
}

describe("Cross learning = replicator dynamics", () => {
  it("on random 2- and 3-player normal-form games the drift is the replicator field (≤ 1e-12)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 0, max: 1e9 }),
        (actionCounts, seed) => {
          const random = createRandomStream(seed);
          const game = randomMarkovGame(random, { states: 1, actionCounts });
          const x = actionCounts.map((A) => simplex(random, A));
          const alphas = actionCounts.map(() => 0.01 + 0.1 * random.next());
          const m = model(
            game,
            actionCounts.map((_, i) => ({ rule: "cross-learning", alpha: alphas[i], init: [x[i]] })),
          );
          const drift = new Float64Array(m.dim);
          m.drift(m.initialParams(), drift);
          actionCounts.forEach((A, i) => {
            const u = expectedPayoffs(game, x, i);
            const mean = u.reduce((s, ub, b) => s + x[i]![b]! * ub, 0);
            for (let b = 0; b < A; b++) {
              const replicator = alphas[i]! * x[i]![b]! * (u[b]! - mean);
              expect(Math.abs(drift[m.offsets[i]! + b]! - replicator)).toBeLessThan(1e-12);
            }
          });
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it("keeps every policy row on the simplex along a simulation", () => {
    const m = randomRuleModel(
      "cross-learning",
      { states: 3, actionCounts: [3, 2], successors: 2, seed: 9 },
      {},
      {
        alpha: 0.3,
      },
    );
    const x = m.initialParams();
    const e = m.createFastState();
    const random = createRandomStream(9);
    m.initFastState(x, e, random);
    for (let k = 0; k < 5000; k++) {
      m.applyIncrement(x, e, m.referenceRate);
      m.advanceFastState(x, e, random);
    }
    m.learners.forEach((learner, i) => {
      const [S, A] = learner.paramShape as [number, number];
      for (let s = 0; s < S; s++) {
        let sum = 0;
        for (let b = 0; b < A; b++) {
          const v = x[m.offsets[i]! + s * A + b]!;
          expect(v).toBeGreaterThanOrEqual(0);
          sum += v;
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      }
    });
  });

  it("in matching pennies the KL constant of motion is conserved: cycles, not convergence", () => {
    // H(x, y) = −Σ_b ½ log x_b − Σ_b ½ log y_b is a first integral of the replicator equation of a
    // zero-sum (here constant-sum) game with the interior equilibrium (½, ½).
    const game = normalFormPreset("matching-pennies");
    const m = model(
      game,
      [
        { rule: "cross-learning", alpha: 0.1, init: [[0.8, 0.2]] },
        { rule: "cross-learning", alpha: 0.1, init: [[0.5, 0.5]] },
      ],
      0.1,
    );
    const H = (x: Float64Array) =>
      -0.5 * (Math.log(x[0]!) + Math.log(x[1]!) + Math.log(x[2]!) + Math.log(x[3]!));
    const times = Array.from({ length: 201 }, (_, k) => k);
    const sol = solveOde((_t, x, dx) => m.drift(x, dx), [0, 200], m.initialParams(), {
      rtol: 1e-12,
      atol: 1e-14,
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    const h0 = H(sol.y[0]!);
    let drift = 0;
    let minDistance = Number.POSITIVE_INFINITY;
    for (const x of sol.y) {
      drift = Math.max(drift, Math.abs(H(x) - h0));
      minDistance = Math.min(minDistance, Math.hypot(x[0]! - 0.5, x[2]! - 0.5));
    }
    expect(drift).toBeLessThan(1e-8);
    // The orbit stays away from the equilibrium (it started at distance 0.3) …
    expect(minDistance).toBeGreaterThan(0.1);
    // … and keeps turning: player 0's probability of heads crosses ½ many times.
    let crossings = 0;
    for (let k = 1; k < sol.y.length; k++)
      if ((sol.y[k]![0]! - 0.5) * (sol.y[k - 1]![0]! - 0.5) < 0) crossings++;
    expect(crossings).toBeGreaterThan(4);
  });
});

describe("FAQ learning = Boltzmann Q-learning selection–mutation dynamics", () => {
  it("through x = softmax(Q/τ), the drift is (αβ/τ) x_b [(R̄_b − x·R̄) − τ(log x_b − x·log x)] (≤ 1e-12)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 0, max: 1e9 }),
        (actionCounts, seed) => {
          const random = createRandomStream(seed);
          const game = randomMarkovGame(random, { states: 1, actionCounts });
          const beta = 0.01;
          const specs = actionCounts.map((A) => ({
            rule: "faq-learning",
            alpha: 0.01 + 0.1 * random.next(),
            gamma: 0,
            tau: 0.5 + random.next(),
            beta,
            init: [Array.from({ length: A }, () => random.next() - 0.5)],
          }));
          const m = model(game, specs);
          const q = m.initialParams();
          const drift = new Float64Array(m.dim);
          m.drift(q, drift);
          m.computePolicies(q);
          const x = actionCounts.map((A, i) => Array.from(m.policyTable(i).subarray(0, A)));
          actionCounts.forEach((A, i) => {
            const { alpha, tau } = specs[i]!;
            for (const p of x[i]!) expect(p).toBeGreaterThan(beta); // the adjustment is active
            // ẋ_b = (x_b/τ)(Q̇_b − Σ_c x_c Q̇_c) for x = softmax(Q/τ).
            const qDot = Array.from({ length: A }, (_, b) => drift[m.offsets[i]! + b]!);
            const meanQDot = qDot.reduce((s, v, b) => s + x[i]![b]! * v, 0);
            const u = expectedPayoffs(game, x, i);
            const meanU = u.reduce((s, v, b) => s + x[i]![b]! * v, 0);
            const entropyTerm = x[i]!.reduce((s, v) => s + v * Math.log(v), 0);
            for (let b = 0; b < A; b++) {
              const xb = x[i]![b]!;
              const viaDrift = (xb / tau) * (qDot[b]! - meanQDot);
              const selectionMutation =
                ((alpha * beta) / tau) * xb * (u[b]! - meanU - tau * (Math.log(xb) - entropyTerm));
              expect(Math.abs(viaDrift - selectionMutation)).toBeLessThan(1e-12);
            }
          });
        },
      ),
      { numRuns: 60, seed: 8 },
    );
  });
});

describe("expected SARSA and counterfactual Q-learning", () => {
  const setupArb = fc.record({
    states: fc.integer({ min: 1, max: 4 }),
    actionCounts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
    constantRows: fc.boolean(),
  });
  it("F_ES[s,b] = π^i(b|s)·F_CF[s,b] when γ = 0 or every Q row is constant (≤ 1e-12)", () => {
    fc.assert(
      fc.property(setupArb, ({ states, actionCounts, seed, constantRows }) => {
        const random = createRandomStream(seed);
        const game = randomMarkovGame(random, {
          states,
          actionCounts,
          successors: 2,
          rewardMin: -1,
          rewardMax: 2,
        });
        const specs = actionCounts.map((A) => ({
          alpha: 0.05,
          gamma: constantRows ? 0.8 : 0,
          tau: 0.5,
          epsilon: 0.1,
          init: Array.from({ length: states }, () => {
            const c = random.next();
            return Array.from({ length: A }, () => (constantRows ? c : 2 * random.next()));
          }),
        }));
        const es = model(
          game,
          specs.map((s) => ({ rule: "expected-sarsa", ...s })),
        );
        const cf = model(
          game,
          specs.map((s) => ({ rule: "counterfactual-q-learning", ...s })),
        );
        const x = es.initialParams();
        const fes = new Float64Array(es.dim);
        const fcf = new Float64Array(cf.dim);
        es.drift(x, fes);
        cf.drift(x, fcf);
        es.computePolicies(x);
        actionCounts.forEach((A, i) => {
          const pi = es.policyTable(i);
          for (let k = 0; k < states * A; k++) {
            const d = es.offsets[i]! + k;
            expect(Math.abs(fes[d]! - pi[k]! * fcf[d]!)).toBeLessThan(1e-12);
          }
        });
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it("with a single own action (A_i = 1) the two drifts are equal for any γ", () => {
    const random = createRandomStream(4);
    const game = randomMarkovGame(random, { states: 3, actionCounts: [1, 3], successors: 2 });
    const spec = (A: number) => ({
      alpha: 0.05,
      gamma: 0.9,
      tau: 0.5,
      epsilon: 0.1,
      init: Array.from({ length: 3 }, () => Array.from({ length: A }, () => random.next())),
    });
    const specs = [spec(1), spec(3)];
    const es = model(game, [
      { rule: "expected-sarsa", ...specs[0] },
      { rule: "q-learning", ...specs[1] },
    ]);
    const cf = model(game, [
      { rule: "counterfactual-q-learning", ...specs[0] },
      { rule: "q-learning", ...specs[1] },
    ]);
    expectEqualDrifts(es, cf, "drift");
  });
});

describe("SARSA", () => {
  it("the mean increment with the sampled next action a' ~ π(·|s') equals the drift (4.5 SE)", () => {
    const m = randomRuleModel("sarsa", { states: 3, actionCounts: [2, 3], successors: 3, seed: 21 });
    const x = m.initialParams();
    const drift = new Float64Array(m.dim);
    m.drift(x, drift);
    const mc = sampledMeanIncrement(m, x, 40_000, createRandomStream(21, 3));
    for (let d = 0; d < m.dim; d++)
      expect(Math.abs(mc.mean[d]! - drift[d]!)).toBeLessThanOrEqual(4.5 * mc.standardError[d]! + 1e-15);
  });

  it("has the drift of expected SARSA", () => {
    const setup = { states: 3, actionCounts: [2, 2], successors: 2, seed: 5 };
    expectEqualDrifts(
      randomRuleModel("sarsa", setup),
      randomRuleModel("expected-sarsa", setup),
      "driftByEnumeration",
    );
  });
});

describe("TD(0)", () => {
  it("with fixed policies the ODE converges to V^π = (I − γP_π)⁻¹ r_π for every player", () => {
    const random = createRandomStream(31);
    const S = 4;
    const game = randomMarkovGame(random, { states: S, actionCounts: [2, 3], successors: 3 });
    const policies = [simplexRowsOf(random, S, 2), simplexRowsOf(random, S, 3)];
    const gammas = [0.7, 0.5];
    const m = model(
      game,
      policies.map((policy, i) => ({ rule: "td0", alpha: 0.05, gamma: gammas[i], policy, init: 3 })),
      0.05,
    );
    const sol = solveOde((_t, x, dx) => m.drift(x, dx), [0, 800], m.initialParams(), {
      rtol: 1e-11,
      atol: 1e-13,
      evalTimes: [800],
    });
    const x = sol.y[0]!;
    const J = game.nJointActions;
    for (let i = 0; i < 2; i++) {
      // V^π by fixed-point iteration of the Bellman evaluation operator (a γ-contraction).
      let v = new Float64Array(S);
      for (let it = 0; it < 300; it++) {
        const next = new Float64Array(S);
        for (let s = 0; s < S; s++)
          for (let j = 0; j < J; j++) {
            const p =
              policies[0]![s]![game.jointActions[2 * j]!]! * policies[1]![s]![game.jointActions[2 * j + 1]!]!;
            let cont = 0;
            for (let s2 = 0; s2 < S; s2++) cont += game.transitions[(s * J + j) * S + s2]! * v[s2]!;
            next[s] = next[s]! + p * (game.rewards[(s * J + j) * 2 + i]! + gammas[i]! * cont);
          }
        v = next;
      }
      for (let s = 0; s < S; s++) expect(Math.abs(x[m.offsets[i]! + s]! - v[s]!)).toBeLessThan(1e-8);
    }
  });
});

function simplexRowsOf(random: RandomSource, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => simplex(random, cols));
}

describe("entropy-regularised policy mirror descent", () => {
  it("converges to the quantal-response equilibrium of a monotone (zero-sum) game", () => {
    // Row payoff M, column −M: a zero-sum game, monotone; the τ-QRE is x = softmax(M y/τ), y = softmax(−Mᵀx/τ).
    const M = [
      [2, -1],
      [-1, 1],
    ];
    const game = normalFormGame(M.map((row) => row.map((v) => [v, -v])));
    const tau = 0.5;
    const spec = (init: number[], critic: number[]) => ({
      rule: "policy-mirror-descent",
      alpha: 0.1,
      gamma: 0,
      tau,
      criticRate: 4,
      init: [init],
      initCritic: [critic],
    });
    const m = model(game, [spec([1, -1], [0, 0]), spec([-2, 0.5], [1, -1])], 0.1);
    // The QRE by bisection on p = P(row plays 0): p = σ(((My)_0 − (My)_1)/τ) with y the column's logit reply.
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const columnReply = (p: number) =>
      sigma((-(M[0]![0]! * p + M[1]![0]! * (1 - p)) + (M[0]![1]! * p + M[1]![1]! * (1 - p))) / tau);
    const rowReply = (q: number) =>
      sigma((M[0]![0]! * q + M[0]![1]! * (1 - q) - (M[1]![0]! * q + M[1]![1]! * (1 - q))) / tau);
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 200; it++) {
      const mid = (lo + hi) / 2;
      if (rowReply(columnReply(mid)) > mid) lo = mid;
      else hi = mid;
    }
    const p = (lo + hi) / 2;
    const q = columnReply(p);
    const times = Array.from({ length: 11 }, (_, k) => 200 * k);
    const sol = solveOde((_t, x, dx) => m.drift(x, dx), [0, 2000], m.initialParams(), {
      rtol: 1e-10,
      atol: 1e-12,
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    const distance = sol.y.map((x) => {
      m.computePolicies(x);
      return Math.max(Math.abs(m.policyTable(0)[0]! - p), Math.abs(m.policyTable(1)[0]! - q));
    });
    expect(distance[0]!).toBeGreaterThan(0.1);
    expect(distance[distance.length - 1]!).toBeLessThan(1e-6);
    // Convergence, not a cycle: the distance after each 200-unit window is below the one before.
    for (let k = 1; k < distance.length; k++) expect(distance[k]!).toBeLessThan(distance[k - 1]! + 1e-9);
  });
});

describe("TD(0) with a parametrised policy", () => {
  it("preferences + τ give the softmax-ε policy table, and the same learner as that table", () => {
    const random = createRandomStream(41);
    const game = randomMarkovGame(random, { states: 3, actionCounts: [3], successors: 2 });
    const preferences = [
      [0, 1, 2],
      [1, -1, 0],
      [0.5, 0.5, 0],
    ];
    const table = preferences.map((row) => {
      const w = row.map((v) => Math.exp(v / 0.5));
      const sum = w.reduce((a, b) => a + b, 0);
      return w.map((v) => 0.8 * (v / sum) + 0.2 / 3);
    });
    const a = model(game, [
      { rule: "td0", alpha: 0.1, gamma: 0.5, preferences, tau: 0.5, epsilon: 0.2, init: 1 },
    ]);
    const b = model(game, [{ rule: "td0", alpha: 0.1, gamma: 0.5, policy: table, init: 1 }]);
    expectEqualDrifts(a, b, "drift");
  });
});

import { createRandomStream, solveOde } from "@mfkit/core";
import { createMarkovGame, MarkovLearningModel, randomMarkovGame } from "@mfkit/markov-game";
import { describe, expect, it } from "vitest";
import { learnerFromSpec } from "./registry.js";

// The generic checks (closed form = enumeration = oracle = Monte Carlo) run for every rule in rules.test.ts.
describe("q-learning", () => {
  it("a single learner's ODE converges to Q* of value iteration", () => {
    const random = createRandomStream(21);
    const game = randomMarkovGame(random, { states: 4, actionCounts: [3], successors: 2 });
    const gamma = 0.8;
    const learner = learnerFromSpec(
      game,
      0,
      { rule: "q-learning", alpha: 0.1, gamma, tau: 0.3, epsilon: 0.3, init: 5 },
      ["learners", 0],
    );
    const model = new MarkovLearningModel(game, [learner]);
    // Q* by value iteration to machine precision.
    const S = 4;
    const A = 3;
    let q = new Float64Array(S * A);
    for (let it = 0; it < 400; it++) {
      const next = new Float64Array(S * A);
      for (let s = 0; s < S; s++)
        for (let a = 0; a < A; a++) {
          let v = game.rewards[s * A + a]!;
          for (let s2 = 0; s2 < S; s2++)
            v +=
              gamma * game.transitions[(s * A + a) * S + s2]! * Math.max(...q.subarray(s2 * A, s2 * A + A));
          next[s * A + a] = v;
        }
      q = next;
    }
    const times = Array.from({ length: 41 }, (_, k) => k * 500);
    const sol = solveOde((_t, x, dx) => model.drift(x, dx), [0, 20_000], model.initialParams(), {
      rtol: 1e-10,
      atol: 1e-12,
      evalTimes: times,
    });
    expect(sol.status).toBe("success");
    // ‖Q − Q*‖∞ is a Lyapunov function (design note §5.5): non-increasing, and it reaches 0.
    const distance = sol.y.map((x) => Math.max(...Array.from(x, (v, i) => Math.abs(v - q[i]!))));
    for (let k = 1; k < distance.length; k++)
      expect(distance[k]!).toBeLessThanOrEqual(distance[k - 1]! + 1e-9);
    expect(distance[0]!).toBeGreaterThan(0.5);
    expect(distance[distance.length - 1]!).toBeLessThan(1e-7);
  });

  it("relabelling the players permutes the drifts", () => {
    const random = createRandomStream(31);
    const game = randomMarkovGame(random, { states: 3, actionCounts: [2, 3], successors: 2 });
    const S = 3;
    // The same game with players swapped: reward[s][a1][a0][1-i], transition[s][a1][a0][s'].
    const rewards = new Float64Array(S * 6 * 2);
    const transitions = new Float64Array(S * 6 * S);
    for (let s = 0; s < S; s++)
      for (let a0 = 0; a0 < 2; a0++)
        for (let a1 = 0; a1 < 3; a1++) {
          const j = a0 * 3 + a1;
          const js = a1 * 2 + a0;
          for (let i = 0; i < 2; i++)
            rewards[(s * 6 + js) * 2 + (1 - i)] = game.rewards[(s * 6 + j) * 2 + i]!;
          for (let s2 = 0; s2 < S; s2++)
            transitions[(s * 6 + js) * S + s2] = game.transitions[(s * 6 + j) * S + s2]!;
        }
    const swapped = createMarkovGame(
      { shape: [S, 3, 2, 2], data: rewards },
      { shape: [S, 3, 2, S], data: transitions },
    );
    const spec = (A: number, k: number) => ({
      rule: "q-learning",
      alpha: 0.02 * (k + 1),
      gamma: 0.7,
      tau: 0.4 + k,
      epsilon: 0.1,
      init: Array.from({ length: S }, (_, s) => Array.from({ length: A }, (_, a) => s - a * (k + 1))),
    });
    const original = new MarkovLearningModel(game, [
      learnerFromSpec(game, 0, spec(2, 0), []),
      learnerFromSpec(game, 1, spec(3, 1), []),
    ]);
    const relabelled = new MarkovLearningModel(swapped, [
      learnerFromSpec(swapped, 0, spec(3, 1), []),
      learnerFromSpec(swapped, 1, spec(2, 0), []),
    ]);
    const d1 = new Float64Array(original.dim);
    const d2 = new Float64Array(relabelled.dim);
    original.drift(original.initialParams(), d1);
    relabelled.drift(relabelled.initialParams(), d2);
    // original = [player0 (S·2) | player1 (S·3)], relabelled = [player1 (S·3) | player0 (S·2)]
    // Reference rates differ (max α is the same: 0.04), so drifts compare directly.
    for (let i = 0; i < S * 2; i++) expect(d2[S * 3 + i]).toBeCloseTo(d1[i]!, 14);
    for (let i = 0; i < S * 3; i++) expect(d2[i]).toBeCloseTo(d1[S * 2 + i]!, 14);
  });
});

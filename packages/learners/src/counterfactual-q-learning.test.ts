import { createRandomStream } from "@mfkit/core";
import { MarkovLearningModel, randomMarkovGame } from "@mfkit/markov-game";
import { describe, expect, it } from "vitest";
import { learnerFromSpec } from "./registry.js";
import { randomRuleModel } from "./rule-fixtures.js";

// The generic checks (closed form = enumeration = oracle = Monte Carlo) run for every rule in rules.test.ts.
describe("counterfactual-q-learning", () => {
  it("the averaged update has no factor π^i(b|s): it equals ν(s)(E_{a−i}[target] − Q)", () => {
    // One player: E over nobody, so the drift is ν(s)·(R(s,b) + γ Σ T M − Q[s,b]) for every b.
    const random = createRandomStream(41);
    const game = randomMarkovGame(random, { states: 3, actionCounts: [3], successors: 2 });
    const alpha = 0.05;
    const gamma = 0.6;
    const init = [
      [1, 2, 3],
      [0, -1, 2],
      [4, 1, 1],
    ];
    const learner = learnerFromSpec(
      game,
      0,
      { rule: "counterfactual-q-learning", alpha, gamma, tau: 0.5, epsilon: 0.2, init },
      [],
    );
    const model = new MarkovLearningModel(game, [learner]);
    const x = model.initialParams();
    const drift = new Float64Array(9);
    model.drift(x, drift);
    const nu = model.stationaryStateLaw(x);
    const M = init.map((row) => Math.max(...row));
    for (let s = 0; s < 3; s++)
      for (let b = 0; b < 3; b++) {
        let target = game.rewards[s * 3 + b]!;
        for (let s2 = 0; s2 < 3; s2++) target += gamma * game.transitions[(s * 3 + b) * 3 + s2]! * M[s2]!;
        // ε = α, so c = 1 and F = ν(s)(target − Q).
        expect(drift[s * 3 + b]).toBeCloseTo(nu[s]! * (target - init[s]![b]!), 13);
      }
  });

  it("sequential minus simultaneous drift is O(α²) on the iteration clock: halving α divides it by ≈ 4", () => {
    const gaps: number[] = [];
    for (const alpha of [0.04, 0.02, 0.01, 0.005]) {
      const setup = { states: 3, actionCounts: [3, 2], successors: 3, seed: 51 };
      const sim = randomRuleModel("counterfactual-q-learning", setup, {}, { alpha });
      const seq = randomRuleModel("counterfactual-q-learning", setup, {}, { alpha, cfOrder: "sequential" });
      const x = sim.initialParams();
      const a = new Float64Array(sim.dim);
      const b = new Float64Array(seq.dim);
      sim.drift(x, a);
      seq.drift(x, b);
      // iteration clock: ε·F
      let gap = 0;
      for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(alpha * (a[i]! - b[i]!)));
      gaps.push(gap);
    }
    for (let k = 1; k < gaps.length; k++) {
      const ratio = gaps[k - 1]! / gaps[k]!;
      expect(ratio).toBeGreaterThan(3.6);
      expect(ratio).toBeLessThan(4.4);
    }
  });

  it("a sequential update applied in place equals mgap's ordered loop", () => {
    const random = createRandomStream(61);
    const game = randomMarkovGame(random, { states: 2, actionCounts: [3, 2], successors: 2 });
    const alpha = 0.3;
    const gamma = 0.7;
    const init = [
      [1, 4, 2],
      [3, 0, 5],
    ];
    const spec = { rule: "counterfactual-q-learning", alpha, gamma, tau: 1, init, cfOrder: "sequential" };
    const learner = learnerFromSpec(game, 0, spec, []);
    const other = learnerFromSpec(game, 1, { rule: "q-learning", alpha, gamma, tau: 1 }, []);
    const model = new MarkovLearningModel(game, [learner, other]);
    for (const [s, a1] of [
      [0, 0],
      [0, 1],
      [1, 1],
    ] as const) {
      const x = model.initialParams();
      const e = model.createFastState();
      e.state = s;
      e.actions[0] = 2;
      e.actions[1] = a1;
      e.jointAction = 2 * 2 + a1;
      e.next = 0;
      // mgap's loop: b = 0, 1, 2 in order, each target reading the row as updated so far.
      const q = init.map((row) => [...row]);
      for (let b = 0; b < 3; b++) {
        const j = b * 2 + a1;
        let target = game.rewards[(s * 6 + j) * 2]!;
        for (let s2 = 0; s2 < 2; s2++)
          target += gamma * game.transitions[(s * 6 + j) * 2 + s2]! * Math.max(...q[s2]!);
        q[s]![b] = q[s]![b]! + alpha * (target - q[s]![b]!);
      }
      learner.addIncrement(x, 0, e, alpha, x, 0);
      for (let s2 = 0; s2 < 2; s2++)
        for (let b = 0; b < 3; b++) expect(x[s2 * 3 + b]).toBeCloseTo(q[s2]![b]!, 14);
    }
  });
});

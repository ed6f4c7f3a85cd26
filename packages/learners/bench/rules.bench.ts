/**
 * Every rule on PD-4 (examples/prisoners-dilemma-4.json with the rule swapped): averaged-drift
 * evaluation and simulation throughput (learner steps = one update + one transition draw), and the
 * per-step cost relative to Q-learning measured in this process (target: ≤ 3×).
 *
 * Cross learning needs rewards in [0, 1]: it runs on PD-4 with the rewards divided by 3.5 (same
 * game structure and cost).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createRandomStream } from "@mfkit/core";
import { createMarkovGame, MarkovLearningModel, markovGameFromJson } from "@mfkit/markov-game";
import { type Bench, blackhole } from "../../../test/bench/harness.js";
import { learnerFromSpec } from "../src/index.js";

const RULES: Record<string, (i: number) => Record<string, unknown>> = {
  "q-learning": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  "counterfactual-q-learning": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  td0: () => ({ alpha: 0.01, gamma: 0.9 }),
  sarsa: () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  "expected-sarsa": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  "softmax-policy-gradient": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  "policy-mirror-descent": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
  "cross-learning": () => ({ alpha: 0.01 }),
  "faq-learning": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1, beta: 0.1 }),
  "mean-field-q-learning": () => ({ alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1 }),
};

const STEPS = 10_000;
const ROUNDS = 7;
const TABULAR_Q = ["q-learning", "counterfactual-q-learning", "sarsa", "expected-sarsa", "faq-learning"];

export default function rules(bench: Bench) {
  const spec = JSON.parse(
    readFileSync(resolve(import.meta.dirname, "../../../examples/prisoners-dilemma-4.json"), "utf8"),
  );
  const pd4 = markovGameFromJson(spec.game);
  const scaled = createMarkovGame(
    { shape: [4, 2, 2, 2], data: pd4.rewards.map((r) => r / 3.5) },
    { shape: [4, 2, 2, 4], data: pd4.transitions },
  );
  const models = new Map<string, MarkovLearningModel>();
  for (const [rule, options] of Object.entries(RULES)) {
    const game = rule === "cross-learning" ? scaled : pd4;
    const learners = [0, 1].map((i) => {
      const init = TABULAR_Q.includes(rule) ? spec.learners[i].init : undefined;
      return learnerFromSpec(game, i, { rule, ...options(i), ...(init ? { init } : {}) }, ["learners", i]);
    });
    models.set(rule, new MarkovLearningModel(game, learners));
  }
  const simulation = (model: MarkovLearningModel) => {
    const x = model.initialParams();
    const y = model.initialParams();
    const random = createRandomStream(1);
    const e = model.createFastState();
    model.initFastState(y, e, random);
    return () => {
      y.set(x);
      for (let k = 0; k < STEPS; k++) {
        model.applyIncrement(y, e, model.referenceRate);
        model.advanceFastState(y, e, random);
      }
      return y;
    };
  };
  const drift = (model: MarkovLearningModel) => {
    const x = model.initialParams();
    const out = new Float64Array(model.dim);
    return () => {
      model.drift(x, out);
      return out;
    };
  };
  for (const [rule, model] of models) {
    bench.measure(`${rule}: drift (stationary law + average)`, drift(model));
    bench.measure(`${rule}: simulation, ${STEPS} steps`, simulation(model), {
      unitsPerCall: STEPS,
      unit: "steps",
    });
  }
  // Ratios: rules interleaved over several rounds, the fastest round of each (robust to other load
  // on the machine and to the JIT's warm-up order).
  const bestStep = new Map<string, number>();
  const bestDrift = new Map<string, number>();
  const runs = [...models].map(([rule, model]) => ({ rule, sim: simulation(model), drift: drift(model) }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { rule, sim, drift: d } of runs) {
      let t = performance.now();
      for (let r = 0; r < 5; r++) blackhole(sim());
      const step = (performance.now() - t) / (5 * STEPS);
      t = performance.now();
      for (let r = 0; r < 2000; r++) blackhole(d());
      const perDrift = (performance.now() - t) / 2000;
      bestStep.set(rule, Math.min(bestStep.get(rule) ?? Number.POSITIVE_INFINITY, step));
      bestDrift.set(rule, Math.min(bestDrift.get(rule) ?? Number.POSITIVE_INFINITY, perDrift));
    }
  }
  for (const rule of models.keys()) {
    const ratio = bestStep.get(rule)! / bestStep.get("q-learning")!;
    bench.record({
      name: `${rule}: per-step cost / Q-learning`,
      msPerCall: bestStep.get(rule)!,
      target: { text: "≤ 3× Q-learning", met: ratio <= 3 },
      note: `step ×${ratio.toFixed(2)}, drift ×${(bestDrift.get(rule)! / bestDrift.get("q-learning")!).toFixed(2)}`,
    });
  }
}

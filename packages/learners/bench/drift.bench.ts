/**
 * Stationary law + averaged drift for random games with 3 players × 3 actions (issue targets:
 * 10 states ≤ 1 ms, 1000 states ≤ 50 ms), with independent Q-learners.
 */
import { createRandomStream } from "@mfkit/core";
import { MarkovLearningModel, randomMarkovGame } from "@mfkit/markov-game";
import type { Bench } from "../../../test/bench/harness.js";
import { learnerFromSpec } from "../src/index.js";

function model(states: number, successors: number) {
  const random = createRandomStream(2026);
  const game = randomMarkovGame(random, { states, actionCounts: [3, 3, 3], successors });
  const learners = [0, 1, 2].map((i) =>
    learnerFromSpec(
      game,
      i,
      { rule: "q-learning", alpha: 0.01, gamma: 0.9, tau: 0.5, epsilon: 0.1, init: 0 },
      [],
    ),
  );
  const m = new MarkovLearningModel(game, learners);
  const x = m.initialParams();
  for (let i = 0; i < x.length; i++) x[i] = random.next();
  return { m, x, out: new Float64Array(m.dim) };
}

export default function drift(bench: Bench) {
  for (const [states, successors, target] of [
    [10, 10, 1],
    [1000, 10, 50],
    [1000, 1000, 50],
  ] as const) {
    const { m, x, out } = model(states, successors);
    bench.measure(
      `stationary law + drift, ${states} states (${successors} successors/row), 3 players × 3 actions`,
      () => {
        m.drift(x, out);
        return out;
      },
      { maxMsPerCall: target },
    );
  }
}

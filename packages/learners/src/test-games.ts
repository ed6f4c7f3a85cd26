/**
 * Games and learner specs shared by this package's tests (not exported from the package index).
 */
import { createRandomStream } from "@mfkit/core";
import { type Learner, type MarkovGame, MarkovLearningModel, randomMarkovGame } from "@mfkit/markov-game";
import { learnerFromSpec } from "./registry.js";

export interface RandomSetup {
  states: number;
  actionCounts: number[];
  successors: number;
  seed: number;
}

/** A random game with one learner of `rule` per player, random initial tables and parameters. */
export function randomLearningModel(setup: RandomSetup, rule: string, extra: Record<string, unknown> = {}) {
  const random = createRandomStream(setup.seed, 1);
  const game: MarkovGame = randomMarkovGame(random, {
    states: setup.states,
    actionCounts: setup.actionCounts,
    successors: setup.successors,
    rewardMin: -1,
    rewardMax: 2,
  });
  const learners: Learner[] = setup.actionCounts.map((A, i) =>
    learnerFromSpec(
      game,
      i,
      {
        rule,
        alpha: 0.01 + 0.05 * random.next(),
        gamma: 0.9 * random.next(),
        tau: 0.2 + random.next(),
        epsilon: 0.2 * random.next(),
        init: Array.from({ length: setup.states }, () =>
          Array.from({ length: A }, () => 4 * random.next() - 2),
        ),
        ...extra,
      },
      ["learners", i],
    ),
  );
  return new MarkovLearningModel(game, learners);
}

/**
 * @mfkit/markov-game: n-player finite Markov games as the fast chain of learning agents.
 */

export * from "./batch.js";
export * from "./drift-checks.js";
export * from "./learner.js";
export * from "./learning-model.js";
export * from "./markov-game.js";
export * from "./normal-form.js";
export * from "./random-game.js";
export * from "./reward-distribution.js";
export * from "./schedule.js";

/**
 * @mfkit/markov-game: n-player finite Markov games as the fast chain of learning agents.
 */

export * from "./drift-checks.js";
export * from "./learner.js";
export * from "./learning-model.js";
export * from "./markov-game.js";
export * from "./random-game.js";

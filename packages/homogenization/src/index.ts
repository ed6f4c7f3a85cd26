/**
 * @mfkit/homogenization: spec → limit ODE, finite-rate simulation, and their comparison, for learners
 * in n-player Markov games.
 */
export * from "./compare.js";
export * from "./experiment.js";
export * from "./homogenize.js";
export * from "./simulate.js";
export * from "./simulate-in-workers.js";

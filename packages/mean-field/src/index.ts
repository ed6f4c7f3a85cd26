/**
 * @mfkit/mean-field: finite-horizon mean-field games.
 */
export * from "./backward.js";
export * from "./environments/index.js";
export * from "./exploitability.js";
export * from "./flow.js";
export * from "./greedy.js";
export * from "./model.js";
export * from "./policy.js";
export * from "./polish.js";
export * from "./solvers/index.js";
export * from "./spec/index.js";
export * from "./validate.js";

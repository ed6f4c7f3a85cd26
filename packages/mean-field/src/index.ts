/**
 * @mfkit/mean-field: finite-horizon mean-field games.
 */
export * from "./model.js";
export * from "./environments/index.js";

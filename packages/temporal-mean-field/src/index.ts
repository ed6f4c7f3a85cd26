/**
 * @mfkit/temporal-mean-field: asynchronous populations where B of N agents act per step — the
 * mean-field recursion, exact finite-N simulation at any N (agent-by-agent and count-based), the
 * activation-coin reduction to a standard MFG, equilibria, exploitability and TMF-PG.
 */
export * from "./agent-simulation.js";
export * from "./count-simulation.js";
export * from "./equilibrium.js";
export * from "./error-vs-n.js";
export * from "./games/from-mean-field.js";
export * from "./games/queueing.js";
export * from "./games/registry.js";
export * from "./games/resource-selection.js";
export * from "./games/resource-selection-equilibrium.js";
export * from "./model.js";
export * from "./recursion.js";
export * from "./reduction.js";
export * from "./samplers.js";
export * from "./simulate.js";
export * from "./slow-fast.js";
export * from "./statistics.js";
export * from "./tmf-pg.js";
export * from "./validation.js";
export * from "./values.js";

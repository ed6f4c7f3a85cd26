/**
 * @mfkit/induced-mfg: the induced mean-field game of an N-player, possibly heterogeneous game —
 * symmetrisation, extension off the grid, (α, β)-symmetry and the approximation bound, N-player
 * simulation, pooled TD + PMD learning, and N-player exploitability (docs/induced-mfg.md).
 */

export * from "./binomial.js";
export * from "./bound.js";
export * from "./bracket.js";
export * from "./deviation-rl.js";
export * from "./game.js";
export * from "./grid.js";
export * from "./heterogeneous.js";
export * from "./induced.js";
export * from "./lipschitz.js";
export * from "./pmd.js";
export * from "./simulate.js";
export * from "./symmetrize.js";
export * from "./symmetry.js";
export * from "./td.js";

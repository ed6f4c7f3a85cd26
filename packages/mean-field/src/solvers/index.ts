/** The solvers of docs/mean-field-games.md §5 behind one driver. */
export { resolveSolveOptions, SOLVER_DEFAULTS, solve } from "./solve.js";
export type { Algorithm, ResolvedParameters, SolveOptions, SolveResult } from "./types.js";
export { ALGORITHMS } from "./types.js";

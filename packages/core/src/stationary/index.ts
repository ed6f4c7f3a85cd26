/** Stationary laws of finite Markov chains: structure analysis, GTH elimination, warm-started GMRES. */
export { analyzeChain, type ChainStructure, SupportComponents } from "./chain-structure.js";
export { GTH_TINY_PIVOT, gthInPlace } from "./gth.js";
export { type KrylovOutcome, KrylovStationary } from "./krylov-stationary.js";
export { stationaryDistribution } from "./stationary-distribution.js";
export {
  createStationarySolver,
  DEFAULT_STATIONARY_TOLERANCE,
  ITERATIVE_THRESHOLD,
  reducibleChainError,
  type StationarySolveInfo,
  type StationarySolver,
  type StationarySolverOptions,
} from "./stationary-solver.js";
export { checkStochasticKernel, ROW_SUM_TOLERANCE } from "./validate-kernel.js";

/**
 * ODE solvers: adaptive Dormand–Prince 5(4) with dense output, the stiff Rosenbrock method RODAS4,
 * and fixed-step RK4, behind {@link solveOde} / {@link solveOdeOrThrow}.
 */
export { solveOde, solveOdeOrThrow } from "./solve.js";
export {
  DEFAULT_ATOL,
  DEFAULT_BLOW_UP_THRESHOLD,
  DEFAULT_MAX_STEPS,
  DEFAULT_RTOL,
  type OdeJacobian,
  type OdeMethod,
  type OdeOptions,
  type OdeRhs,
  type OdeSolution,
  type OdeStats,
  type OdeStatus,
} from "./types.js";

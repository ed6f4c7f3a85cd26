/**
 * @mfkit/core: the slow/fast stochastic-approximation engine.
 *
 * A slow variable x moves by ε·f(x, e) while a fast finite state e is redrawn by a kernel P_x;
 * averaging f over the stationary law of P_x gives the limit ODE dx/dτ = F(x).
 */
export * from "./errors.js";
export * from "./lcp/index.js";
export * from "./ode/index.js";
/** Dense LU with partial pivoting (RODAS4's linear algebra; also used by mean-field's equilibrium polish). */
export { luFactor, luSolve } from "./ode/lu.js";
export * from "./random/index.js";
export * from "./slow-fast/limit-ode.js";
export * from "./slow-fast/random-source.js";
export * from "./slow-fast/simulate-replicas.js";
export * from "./slow-fast/slow-fast-model.js";
export * from "./stationary/index.js";
export * from "./stats/index.js";
export * from "./tensor.js";
export * from "./validation.js";

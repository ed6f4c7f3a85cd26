/**
 * Entry points: {@link solveOde} integrates y' = f(t, y) over [t0, t1] and reports how it ended;
 * {@link solveOdeOrThrow} turns any ending other than success into an {@link MfkitError}.
 */
import { MfkitError, type MfkitErrorCode } from "../errors.js";
import { solveDopri5 } from "./dopri5.js";
import { solveRk4 } from "./rk4.js";
import { solveRosenbrock } from "./rosenbrock.js";
import type { OdeOptions, OdeRhs, OdeSolution, OdeStatus } from "./types.js";
import { validateOdeProblem } from "./validate.js";

/**
 * Integrates the initial-value problem y' = f(t, y), y(t0) = y0 over tspan = [t0, t1] with
 * `options.method` (dopri5 by default; rosenbrock for stiff problems; rk4 with a fixed step).
 *
 * Invalid arguments throw `MfkitError("invalid-argument")` with a path naming the option or index.
 * Numerical failures do not throw: the solution's `status` says how the solve ended, `tReached` how
 * far it got, and `t`/`y` hold the output points reached.
 */
export function solveOde(
  rhs: OdeRhs,
  tspan: readonly [number, number],
  y0: ArrayLike<number>,
  options?: OdeOptions,
): OdeSolution {
  const problem = validateOdeProblem(rhs, tspan, y0, options);
  switch (problem.method) {
    case "dopri5":
      return solveDopri5(problem);
    case "rosenbrock":
      return solveRosenbrock(problem);
    case "rk4":
      return solveRk4(problem);
  }
}

const ERROR_CODES: Record<Exclude<OdeStatus, "success">, MfkitErrorCode> = {
  "step-underflow": "ode-step-underflow",
  "blow-up": "ode-blow-up",
  "non-finite": "non-finite",
  "max-steps": "ode-too-many-steps",
  interrupted: "interrupted",
};

/**
 * Like {@link solveOde}, but a solve that does not reach t1 throws `MfkitError` with code
 * `ode-step-underflow`, `ode-blow-up`, `non-finite`, `ode-too-many-steps` or `interrupted`, a message
 * naming the time reached, and details `{ tReached, solution }` (the partial solution).
 */
export function solveOdeOrThrow(
  rhs: OdeRhs,
  tspan: readonly [number, number],
  y0: ArrayLike<number>,
  options?: OdeOptions,
): OdeSolution {
  const solution = solveOde(rhs, tspan, y0, options);
  if (solution.status === "success") return solution;
  throw new MfkitError(ERROR_CODES[solution.status], solution.message, ["ode"], {
    tReached: solution.tReached,
    solution,
  });
}

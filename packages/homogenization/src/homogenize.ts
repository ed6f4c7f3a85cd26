/**
 * The limit of an experiment: the homogenized ODE dx/dτ = F(x) (or dx/dt = ε·F(x) on the iteration
 * clock) from the learners' initial parameters, with the stationary state law ν_{x(t)} along the path.
 */
import {
  MfkitError,
  type MfkitErrorCode,
  type OdeMethod,
  type OdeSolution,
  type OdeStatus,
  solveLimitOde,
  toNested,
} from "@mfkit/core";
import type { Experiment } from "./experiment.js";

/** How to solve the limit ODE. */
export interface HomogenizeOptions {
  /** Relative tolerance (default: core's DEFAULT_RTOL, which makes the PD-4 reference right to 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default: core's DEFAULT_ATOL). */
  atol?: number;
  /** The integrator (default dopri5; rk4 needs {@link HomogenizeOptions.step}). */
  method?: OdeMethod;
  /** The fixed step of rk4, in the clock's units. */
  step?: number;
  /** Stops the solve early; the result then has status "interrupted". */
  signal?: AbortSignal;
  /** Called with the time reached as the solve advances. */
  onProgress?: (time: number) => void;
}

/** The limit path: `params[i][k]` is learner i's table at `t[k]`, `stateDistribution[k]` is ν_{x(t_k)}. */
export interface HomogenizeResult {
  t: number[];
  /** x(t_k) as flat vectors (learners' blocks end to end), the same values as `params`. */
  x: Float64Array[];
  params: unknown[][];
  stateDistribution: number[][];
  status: OdeSolution["status"];
  message: string;
  stats: OdeSolution["stats"];
}

/** The error code of each way a solve can fail (as core's solveOdeOrThrow). */
const FAILURE_CODES: Record<Exclude<OdeStatus, "success" | "interrupted">, MfkitErrorCode> = {
  "step-underflow": "ode-step-underflow",
  "blow-up": "ode-blow-up",
  "non-finite": "non-finite",
  "max-steps": "ode-too-many-steps",
};

/** Solves the limit ODE of an experiment at its evalTimes (or `times`, in clock units). */
export function homogenize(
  experiment: Experiment,
  options: HomogenizeOptions = {},
  times?: readonly number[],
): HomogenizeResult {
  const { model } = experiment;
  const solution = solveLimitOde(model, model.initialParams(), {
    clock: experiment.clock,
    referenceRate: experiment.referenceRate,
    horizon: experiment.horizon,
    evalTimes: times ?? experiment.evalTimes,
    ...(options.rtol !== undefined ? { rtol: options.rtol } : {}),
    ...(options.atol !== undefined ? { atol: options.atol } : {}),
    ...(options.method ? { method: options.method } : {}),
    ...(options.step !== undefined ? { step: options.step } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (solution.status !== "success" && solution.status !== "interrupted") {
    throw new MfkitError(
      FAILURE_CODES[solution.status],
      `the limit ODE stopped at t = ${solution.tReached}: ${solution.message}`,
      ["horizon"],
      {
        tReached: solution.tReached,
        status: solution.status,
      },
    );
  }
  const params = model.learners.map((learner, i) =>
    solution.y.map((x) => toNested(x, learner.paramShape, model.offsets[i])),
  );
  const stateDistribution = solution.y.map((x) => Array.from(model.stationaryStateLaw(x)));
  return {
    t: solution.t,
    x: solution.y,
    params,
    stateDistribution,
    status: solution.status,
    message: solution.message,
    stats: solution.stats,
  };
}

/**
 * Public types of the ODE solvers: the right-hand side y' = f(t, y), its Jacobian, options, statuses
 * and the solution record.
 */

/**
 * Right-hand side of y' = f(t, y): writes f(t, y) into `dydt`. It is called many times per step and
 * must not allocate; it must not modify `y`.
 */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Jacobian ∂f/∂y at (t, y), written n×n row-major: `jac[i*n + j] = ∂f_i/∂y_j`. */
export type OdeJacobian = (t: number, y: Float64Array, jac: Float64Array) => void;

/**
 * Integration method:
 * - `"dopri5"`: explicit Dormand–Prince 5(4), adaptive, dense output of order 4 (non-stiff problems);
 * - `"rosenbrock"`: linearly implicit RODAS4 (Hairer–Wanner), L-stable, adaptive 4(3), dense output of
 *   order 3 (stiff problems);
 * - `"rk4"`: classical fourth-order Runge–Kutta with a fixed step.
 */
export type OdeMethod = "dopri5" | "rosenbrock" | "rk4";

/**
 * Default relative tolerance of the adaptive methods. 1e-9 rather than 1e-8: the library's reference
 * problem (prisoners-dilemma-4, Q-values ≈ 20–30, sup-norm accuracy 1e-6 required) ends 7.6e-7 off at
 * 1e-8 and 1.6e-6 off when the step pattern changes (maxStep 10); at 1e-9 it is 1.4e-7 / 8e-8 off, for
 * 29 instead of 23 steps. scipy-like 1e-3 is off by ~0.1 there.
 */
export const DEFAULT_RTOL = 1e-9;
/** Default absolute tolerance of the adaptive methods (components below ~atol/rtol = 0.1 count absolutely). */
export const DEFAULT_ATOL = 1e-10;
/** Default state max-norm beyond which a solve stops with status `"blow-up"`. */
export const DEFAULT_BLOW_UP_THRESHOLD = 1e150;
/** Default cap on step attempts (accepted + rejected) of the adaptive methods. */
export const DEFAULT_MAX_STEPS = 100_000;

/** Options of `solveOde`: method, tolerances, output times, limits and callbacks. */
export interface OdeOptions {
  /** Integration method (default `"dopri5"`). */
  method?: OdeMethod;
  /** Relative tolerance (> 0, default {@link DEFAULT_RTOL}). */
  rtol?: number;
  /** Absolute tolerance (> 0), a scalar or one value per component (default {@link DEFAULT_ATOL}). */
  atol?: number | Float64Array;
  /** First step size of the adaptive methods (default: Hairer's automatic choice). */
  firstStep?: number;
  /** Largest step size (default: the span length). */
  maxStep?: number;
  /** Smallest step size: a smaller step request ends with `"step-underflow"` (default 0). */
  minStep?: number;
  /**
   * Cap on step attempts, accepted and rejected (default {@link DEFAULT_MAX_STEPS} for the adaptive
   * methods; unlimited for rk4, whose step count is fixed by `step`).
   */
  maxSteps?: number;
  /** Fixed step of rk4 (required for rk4, ignored otherwise). */
  step?: number;
  /**
   * Output times inside [t0, t1], nondecreasing. dopri5 and rosenbrock use their dense output between
   * steps; rk4 steps exactly onto each of them. Default: t0 and every accepted step.
   */
  evalTimes?: readonly number[];
  /** Exact Jacobian for rosenbrock (default: forward finite differences). */
  jacobian?: OdeJacobian;
  /**
   * rosenbrock only: declare that f does not depend on t, which skips the finite-difference estimate
   * of ∂f/∂t (one right-hand-side call per step). Default false.
   */
  autonomous?: boolean;
  /** Checked before every step: once aborted, the solve stops with status `"interrupted"`. */
  signal?: AbortSignal;
  /** Called with the current time after every accepted step. */
  onProgress?: (t: number) => void;
  /** State max-norm beyond which the solve stops with `"blow-up"` (default {@link DEFAULT_BLOW_UP_THRESHOLD}). */
  blowUpThreshold?: number;
}

/**
 * How a solve ended:
 * - `"success"`: reached t1;
 * - `"step-underflow"`: the step size fell below max(minStep, 16·eps·|t|);
 * - `"blow-up"`: the state max-norm exceeded `blowUpThreshold`;
 * - `"non-finite"`: the right-hand side or the state became NaN/±Infinity and shrinking the step did not help;
 * - `"max-steps"`: `maxSteps` step attempts were used;
 * - `"interrupted"`: the AbortSignal fired.
 */
export type OdeStatus = "success" | "step-underflow" | "blow-up" | "non-finite" | "max-steps" | "interrupted";

/** Work counters of a solve. */
export interface OdeStats {
  /** Step attempts (accepted + rejected). */
  steps: number;
  accepted: number;
  rejected: number;
  /** Calls of the right-hand side (including those of finite-difference Jacobians). */
  rhsEvals: number;
  /** Jacobian evaluations (exact or finite-difference). */
  jacobianEvals: number;
  /** LU decompositions. */
  decompositions: number;
}

/** Result of a solve: the output points actually reached, how it ended, and the work done. */
export interface OdeSolution {
  status: OdeStatus;
  /** Human-readable account of the status, naming the time reached. */
  message: string;
  /** Time up to which the solution is valid (t1 on success). */
  tReached: number;
  /** Output times reached, in order. */
  t: number[];
  /** States at the output times (one fresh array each). */
  y: Float64Array[];
  stats: OdeStats;
}

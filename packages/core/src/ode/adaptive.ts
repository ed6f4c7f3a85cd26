/**
 * The step-size driver shared by the adaptive methods (dopri5, rosenbrock): step control, output at
 * the requested times through the method's dense output, and every stopping condition.
 *
 * Step control (Hairer, Nørsett & Wanner I §II.4 and Hairer & Wanner II §IV.8): with err the weighted
 * RMS norm of the embedded error estimate, a step is accepted when err ≤ 1 and the next step is
 *
 *     h_new = h / clamp( err^α · errPrev^(−β) / safety, 1/maxFactor, 1/minFactor )
 *
 * (β > 0 is the PI controller of dopri5; with `predictive` the step also considers Gustafsson's
 * predictive factor (h_accPrev/h)·(err²/err_accPrev)^α / safety, as in RODAS). After a rejection the
 * next accepted step may not grow.
 */

import { initialStepSize } from "./initial-step.js";
import type { DenseOutput, OutputRecorder } from "./output.js";
import { type EndDetails, makeSolution } from "./result.js";
import type { OdeSolution, OdeStats, OdeStatus } from "./types.js";
import type { OdeProblem } from "./validate.js";

/** One adaptive one-step method with an embedded error estimate and dense output. */
export interface AdaptiveStepper extends DenseOutput {
  /** The current accepted state (owned by the stepper, valid after `begin`/`accept`). */
  readonly y: Float64Array;
  /** f(t, y) at the current accepted state. */
  readonly f: Float64Array;
  /** Max-norm of the last candidate (NaN if it had a NaN component). */
  readonly candidateNorm: number;
  /** Starts at (t0, y0); returns false when f(t0, y0) is not finite. */
  begin(t0: number, y0: Float64Array): boolean;
  /** Computes a candidate step of size h from the current state and returns its error norm (NaN if non-finite). */
  attempt(h: number): number;
  /** Accepts the last candidate, ending at tNew; returns false when f at the new state is not finite. */
  accept(tNew: number): boolean;
}

/** Step-size controller constants. */
export interface StepControl {
  /** Exponent α applied to err (1/(q+1) for an embedded error of order q, minus 0.75β for PI). */
  errorExponent: number;
  /** PI exponent β on the previous accepted error (0: elementary controller). */
  beta: number;
  /** Use Gustafsson's predictive factor as well. */
  predictive: boolean;
  safety: number;
  /** Smallest ratio h_new/h. */
  minFactor: number;
  /** Largest ratio h_new/h. */
  maxFactor: number;
  /** Order of the local error, for the automatic first step. */
  localOrder: number;
}

/** Consecutive non-finite attempts (each shrinking h by 4) after which the solve stops with "non-finite". */
const MAX_NON_FINITE_ATTEMPTS = 10;
/** Step shrink factor after a non-finite attempt. */
const NON_FINITE_SHRINK = 0.25;

/** Runs an adaptive method over the validated problem. */
export function integrateAdaptive(
  stepper: AdaptiveStepper,
  problem: OdeProblem,
  control: StepControl,
  output: OutputRecorder,
  stats: OdeStats,
): OdeSolution {
  const { t0, t1, rhs, atol, rtol, maxStep, minStep, maxSteps, signal, onProgress, blowUpThreshold } =
    problem;
  const end = (status: OdeStatus, t: number, details?: EndDetails) =>
    makeSolution(problem.method, status, t, output, stats, details);

  let t = t0;
  output.start(t0, problem.y0);
  if (!stepper.begin(t0, problem.y0)) return end("non-finite", t0);
  if (t1 === t0) return end("success", t0);

  let h: number;
  if (problem.firstStep !== undefined) h = Math.min(problem.firstStep, maxStep);
  else {
    const n = problem.n;
    h = initialStepSize(
      rhs,
      t0,
      stepper.y,
      stepper.f,
      atol,
      rtol,
      control.localOrder,
      maxStep,
      new Float64Array(n),
      new Float64Array(n),
    );
    stats.rhsEvals++;
  }

  const { errorExponent, beta, predictive, safety } = control;
  const minFac = control.minFactor;
  const maxFac = control.maxFactor;
  let errPrev = 1e-4; // Hairer's initial "facold"
  let hAccPrev = 0;
  let errAccPrev = 0;
  let firstAccepted = true;
  let lastRejected = false;
  let nonFinite = 0;
  // Whether the last rejected attempt was non-finite: a step-size collapse it causes is reported as such.
  let lastFailureNonFinite = false;

  for (;;) {
    if (signal?.aborted) return end("interrupted", t);
    if (stats.steps >= maxSteps) return end("max-steps", t, { maxSteps });

    const remaining = t1 - t;
    let last = false;
    if (h > maxStep) h = maxStep;
    if (t + 1.01 * h >= t1) {
      h = remaining;
      last = true;
    }
    const hMin = Math.max(minStep, 16 * Number.EPSILON * Math.abs(t));
    if ((h < hMin && !last) || !(h > 0)) {
      return end(lastFailureNonFinite ? "non-finite" : "step-underflow", t, { h, hMin });
    }

    const err = stepper.attempt(h);
    stats.steps++;

    if (!Number.isFinite(err) || !Number.isFinite(stepper.candidateNorm)) {
      stats.rejected++;
      nonFinite++;
      lastFailureNonFinite = true;
      if (nonFinite >= MAX_NON_FINITE_ATTEMPTS) return end("non-finite", t, { h });
      h *= NON_FINITE_SHRINK;
      lastRejected = true;
      continue;
    }
    nonFinite = 0;

    const fac11 = err ** errorExponent;
    if (err <= 1) {
      // Accepted.
      let fac = fac11 / errPrev ** beta / safety;
      if (predictive && !firstAccepted) {
        let facPred = ((hAccPrev / h) * ((err * err) / errAccPrev) ** errorExponent) / safety;
        facPred = Math.min(1 / minFac, Math.max(1 / maxFac, facPred));
        if (facPred > fac) fac = facPred;
      }
      fac = Math.min(1 / minFac, Math.max(1 / maxFac, fac));
      let hNew = h / fac;
      if (lastRejected && hNew > h) hNew = h;
      errPrev = Math.max(err, 1e-4);
      hAccPrev = h;
      errAccPrev = Math.max(err, 1e-2);
      firstAccepted = false;
      lastRejected = false;

      const tNew = last ? t1 : t + h;
      const finite = stepper.accept(tNew);
      stats.accepted++;
      t = tNew;
      output.step(t, stepper.y, stepper);
      if (!finite) return end("non-finite", t);
      const norm = stepper.candidateNorm;
      if (norm > blowUpThreshold) return end("blow-up", t, { norm, threshold: blowUpThreshold });
      if (onProgress !== undefined) onProgress(t);
      if (last) return end("success", t);
      h = hNew;
    } else {
      stats.rejected++;
      lastFailureNonFinite = false;
      h = h / Math.min(1 / minFac, fac11 / safety);
      lastRejected = true;
    }
  }
}

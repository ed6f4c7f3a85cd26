/**
 * Checks the arguments of a solve and normalises them (tolerance vectors, defaults), throwing
 * `MfkitError("invalid-argument")` with a path naming the offending option or index.
 */
import { MfkitError } from "../errors.js";
import {
  DEFAULT_ATOL,
  DEFAULT_BLOW_UP_THRESHOLD,
  DEFAULT_MAX_STEPS,
  DEFAULT_RTOL,
  type OdeJacobian,
  type OdeMethod,
  type OdeOptions,
  type OdeRhs,
} from "./types.js";

/** A validated problem with every default filled in. */
export interface OdeProblem {
  method: OdeMethod;
  rhs: OdeRhs;
  n: number;
  t0: number;
  t1: number;
  /** A private copy of y0. */
  y0: Float64Array;
  rtol: number;
  /** Absolute tolerance per component. */
  atol: Float64Array;
  firstStep: number | undefined;
  maxStep: number;
  minStep: number;
  maxSteps: number;
  step: number | undefined;
  evalTimes: readonly number[] | undefined;
  jacobian: OdeJacobian | undefined;
  autonomous: boolean;
  signal: AbortSignal | undefined;
  onProgress: ((t: number) => void) | undefined;
  blowUpThreshold: number;
}

const METHODS: readonly OdeMethod[] = ["dopri5", "rosenbrock", "rk4"];

function invalid(message: string, path: ReadonlyArray<string | number>): MfkitError {
  return new MfkitError("invalid-argument", message, path);
}

function positiveFinite(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${name} must be a finite number > 0, got ${String(value)}`, ["options", name]);
  }
  return value;
}

/** Validates the arguments of `solveOde` and fills in defaults. */
export function validateOdeProblem(
  rhs: OdeRhs,
  tspan: readonly [number, number],
  y0: ArrayLike<number>,
  options: OdeOptions = {},
): OdeProblem {
  if (typeof rhs !== "function") throw invalid("the right-hand side must be a function", ["rhs"]);
  if (!Array.isArray(tspan) || tspan.length !== 2) {
    throw invalid("tspan must be a pair [t0, t1]", ["tspan"]);
  }
  const [t0, t1] = tspan;
  for (let i = 0; i < 2; i++) {
    const v = tspan[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw invalid(`tspan[${i}] must be a finite number, got ${String(v)}`, ["tspan", i]);
    }
  }
  if (t1 < t0) throw invalid(`tspan must satisfy t1 >= t0, got [${t0}, ${t1}]`, ["tspan"]);

  if (y0 === null || typeof y0 !== "object" || typeof y0.length !== "number") {
    throw invalid("y0 must be an array of numbers", ["y0"]);
  }
  const n = y0.length;
  if (n === 0) throw invalid("y0 must have at least one component", ["y0"]);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y0[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw invalid(`y0[${i}] must be a finite number, got ${String(v)}`, ["y0", i]);
    }
    y[i] = v;
  }

  const method = options.method ?? "dopri5";
  if (!METHODS.includes(method)) {
    throw invalid(`unknown method "${String(method)}" (expected ${METHODS.join(", ")})`, [
      "options",
      "method",
    ]);
  }

  const rtol = options.rtol === undefined ? DEFAULT_RTOL : positiveFinite(options.rtol, "rtol");
  const atol = new Float64Array(n);
  if (options.atol === undefined) atol.fill(DEFAULT_ATOL);
  else if (typeof options.atol === "number") atol.fill(positiveFinite(options.atol, "atol"));
  else if (options.atol instanceof Float64Array) {
    if (options.atol.length !== n) {
      throw invalid(`atol has ${options.atol.length} components, y0 has ${n}`, ["options", "atol"]);
    }
    for (let i = 0; i < n; i++) {
      const v = options.atol[i];
      if (!Number.isFinite(v) || v <= 0) {
        throw invalid(`atol[${i}] must be a finite number > 0, got ${v}`, ["options", "atol", i]);
      }
      atol[i] = v;
    }
  } else throw invalid("atol must be a number or a Float64Array", ["options", "atol"]);

  const span = t1 - t0;
  const firstStep =
    options.firstStep === undefined ? undefined : positiveFinite(options.firstStep, "firstStep");
  const maxStep =
    options.maxStep === undefined
      ? Math.max(span, Number.MIN_VALUE)
      : positiveFinite(options.maxStep, "maxStep");
  let minStep = 0;
  if (options.minStep !== undefined) {
    const v = options.minStep;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw invalid(`minStep must be a finite number >= 0, got ${String(v)}`, ["options", "minStep"]);
    }
    minStep = v;
  }
  if (minStep > maxStep)
    throw invalid(`minStep (${minStep}) exceeds maxStep (${maxStep})`, ["options", "minStep"]);

  let maxSteps = method === "rk4" ? Number.POSITIVE_INFINITY : DEFAULT_MAX_STEPS;
  if (options.maxSteps !== undefined) {
    const v = options.maxSteps;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
      throw invalid(`maxSteps must be an integer >= 1, got ${String(v)}`, ["options", "maxSteps"]);
    }
    maxSteps = v;
  }

  let step: number | undefined;
  if (method === "rk4") {
    if (options.step === undefined)
      throw invalid("rk4 needs a fixed step (options.step)", ["options", "step"]);
    step = positiveFinite(options.step, "step");
    // A step that does not move t would never finish.
    const scale = Math.max(Math.abs(t0), Math.abs(t1));
    if (span > 0 && step <= 4 * Number.EPSILON * scale) {
      throw invalid(`step ${step} is too small to advance t near ${scale}`, ["options", "step"]);
    }
  }

  let evalTimes: readonly number[] | undefined;
  if (options.evalTimes !== undefined) {
    if (!Array.isArray(options.evalTimes)) {
      throw invalid("evalTimes must be an array of numbers", ["options", "evalTimes"]);
    }
    const times = options.evalTimes;
    for (let i = 0; i < times.length; i++) {
      const v = times[i];
      if (typeof v !== "number" || !Number.isFinite(v) || v < t0 || v > t1) {
        throw invalid(`evalTimes[${i}] = ${String(v)} is not inside [${t0}, ${t1}]`, [
          "options",
          "evalTimes",
          i,
        ]);
      }
      if (i > 0 && v < times[i - 1]) {
        throw invalid(
          `evalTimes must be nondecreasing: evalTimes[${i}] = ${v} < evalTimes[${i - 1}] = ${times[i - 1]}`,
          ["options", "evalTimes", i],
        );
      }
    }
    evalTimes = times;
  }

  if (options.jacobian !== undefined && typeof options.jacobian !== "function") {
    throw invalid("jacobian must be a function", ["options", "jacobian"]);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw invalid("onProgress must be a function", ["options", "onProgress"]);
  }
  const blowUpThreshold =
    options.blowUpThreshold === undefined
      ? DEFAULT_BLOW_UP_THRESHOLD
      : positiveFinite(options.blowUpThreshold, "blowUpThreshold");

  return {
    method,
    rhs,
    n,
    t0,
    t1,
    y0: y,
    rtol,
    atol,
    firstStep,
    maxStep,
    minStep,
    maxSteps,
    step,
    evalTimes,
    jacobian: options.jacobian,
    autonomous: options.autonomous === true,
    signal: options.signal,
    onProgress: options.onProgress,
    blowUpThreshold,
  };
}

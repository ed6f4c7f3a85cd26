/**
 * The classical fourth-order Runge–Kutta method with a fixed step h:
 *
 *     k1 = f(t, y), k2 = f(t + h/2, y + h/2·k1), k3 = f(t + h/2, y + h/2·k2), k4 = f(t + h, y + h·k3),
 *     y_new = y + h/6·(k1 + 2k2 + 2k3 + k4).
 *
 * Steps follow the grid t0 + k·h; a requested output time strictly between grid points is reached by a
 * shortened step onto it (no interpolation), after which the solve continues to the next grid point,
 * so output times never move the grid. The last step is shortened to end at t1. There is no error
 * control: accuracy is O(h⁴) globally.
 */
import { allFinite, maxNorm } from "./error-norm.js";
import { OutputRecorder } from "./output.js";
import { emptyStats, makeSolution } from "./result.js";
import type { OdeSolution } from "./types.js";
import type { OdeProblem } from "./validate.js";

/** Two times closer than this fraction of h are treated as the same point (avoids sliver steps). */
const SNAP = 1e-9;

/** Solves a validated problem with fixed-step RK4 (`problem.step` must be set). */
export function solveRk4(problem: OdeProblem): OdeSolution {
  const { rhs, n, t0, t1, maxSteps, signal, onProgress, blowUpThreshold } = problem;
  const h = problem.step!;
  const stats = emptyStats();
  const output = new OutputRecorder(problem.evalTimes);
  const end = (status: OdeSolution["status"], t: number, details = {}) =>
    makeSolution("rk4", status, t, output, stats, details);

  let y = Float64Array.from(problem.y0);
  let yNew = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const ys = new Float64Array(n);

  output.start(t0, y);
  let t = t0;
  let k = 0;
  while (t < t1) {
    if (signal?.aborted) return end("interrupted", t);
    if (stats.steps >= maxSteps) return end("max-steps", t, { maxSteps });

    let gridNext = t0 + (k + 1) * h;
    if (gridNext > t1 || t1 - gridNext <= SNAP * h) gridNext = t1;
    let target = gridNext;
    let onGrid = true;
    const te = output.nextEvalTime;
    if (te < gridNext - SNAP * h) {
      target = te;
      onGrid = false;
    } else if (te <= gridNext + SNAP * h && te <= t1) target = te;

    const dt = target - t;
    rhs(t, y, k1);
    for (let i = 0; i < n; i++) ys[i] = y[i] + 0.5 * dt * k1[i];
    rhs(t + 0.5 * dt, ys, k2);
    for (let i = 0; i < n; i++) ys[i] = y[i] + 0.5 * dt * k2[i];
    rhs(t + 0.5 * dt, ys, k3);
    for (let i = 0; i < n; i++) ys[i] = y[i] + dt * k3[i];
    rhs(target, ys, k4);
    for (let i = 0; i < n; i++) yNew[i] = y[i] + (dt / 6) * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
    stats.rhsEvals += 4;
    stats.steps++;
    if (!allFinite(yNew)) return end("non-finite", t);
    stats.accepted++;

    const tmp = y;
    y = yNew;
    yNew = tmp;
    t = target;
    if (onGrid) k++;
    output.step(t, y, null);
    const norm = maxNorm(y);
    if (norm > blowUpThreshold) return end("blow-up", t, { norm, threshold: blowUpThreshold });
    if (onProgress !== undefined) onProgress(t);
  }
  return end("success", t);
}

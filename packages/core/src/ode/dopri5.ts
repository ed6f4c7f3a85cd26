/**
 * Dormand–Prince 5(4) (Dormand & Prince 1980; Hairer, Nørsett & Wanner I §II.5): a 7-stage explicit
 * Runge–Kutta pair whose fifth-order solution propagates, with a fourth-order embedded estimate of the
 * local error. The last stage is f at the new point, reused as the first stage of the next step (FSAL),
 * so an accepted step costs 6 right-hand-side calls. Dense output is Hairer's continuous extension of
 * order 4 (one extra linear combination, computed only for steps that contain a requested time).
 *
 * Every work array is allocated once per solve; a step allocates nothing.
 */
import { integrateAdaptive, type StepControl } from "./adaptive.js";
import { allFinite } from "./error-norm.js";
import { OutputRecorder } from "./output.js";
import { emptyStats } from "./result.js";
import { StepperBase } from "./stepper-base.js";
import type { OdeSolution } from "./types.js";
import type { OdeProblem } from "./validate.js";

// Butcher tableau (c, a) and fifth-order weights b (= a7j, FSAL).
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
// Error weights: b − b̂ (fifth minus fourth order).
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Dense output coefficients (Hairer's continuous extension of order 4).
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

/** Step control of dopri5: Hairer's PI controller (β = 0.04). */
export const DOPRI5_CONTROL: StepControl = {
  errorExponent: 0.2 - 0.75 * 0.04,
  beta: 0.04,
  predictive: false,
  safety: 0.9,
  minFactor: 0.2,
  maxFactor: 10,
  localOrder: 5,
};

/** The Dormand–Prince stepper: stages and dense-output work arrays of one solve. */
export class Dopri5Stepper extends StepperBase {
  private readonly k2 = this.vector();
  private readonly k3 = this.vector();
  private readonly k4 = this.vector();
  private readonly k5 = this.vector();
  private readonly k6 = this.vector();
  /** f at the candidate (stage 7); after accept, holds f at the previous state. */
  private k7 = this.vector();
  private readonly yStage = this.vector();
  // Dense output: y(tPrev + θh) = yPrev + θ(Δy + (1−θ)(r3 + θ(r4 + (1−θ) r5))).
  private readonly r3 = this.vector();
  private readonly r4 = this.vector();
  private readonly r5 = this.vector();

  attempt(h: number): number {
    const { n, rhs, y, f: k1, k2, k3, k4, k5, k6, k7, yStage: s, yCand, atol, rtol } = this;
    const t = this.t;
    const a21 = h * A21;
    for (let i = 0; i < n; i++) s[i] = y[i] + a21 * k1[i];
    rhs(t + C2 * h, s, k2);
    const a31 = h * A31;
    const a32 = h * A32;
    for (let i = 0; i < n; i++) s[i] = y[i] + a31 * k1[i] + a32 * k2[i];
    rhs(t + C3 * h, s, k3);
    const a41 = h * A41;
    const a42 = h * A42;
    const a43 = h * A43;
    for (let i = 0; i < n; i++) s[i] = y[i] + a41 * k1[i] + a42 * k2[i] + a43 * k3[i];
    rhs(t + C4 * h, s, k4);
    const a51 = h * A51;
    const a52 = h * A52;
    const a53 = h * A53;
    const a54 = h * A54;
    for (let i = 0; i < n; i++) s[i] = y[i] + a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i];
    rhs(t + C5 * h, s, k5);
    const a61 = h * A61;
    const a62 = h * A62;
    const a63 = h * A63;
    const a64 = h * A64;
    const a65 = h * A65;
    for (let i = 0; i < n; i++)
      s[i] = y[i] + a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i];
    rhs(t + h, s, k6);
    const a71 = h * A71;
    const a73 = h * A73;
    const a74 = h * A74;
    const a75 = h * A75;
    const a76 = h * A76;
    for (let i = 0; i < n; i++)
      yCand[i] = y[i] + a71 * k1[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] + a76 * k6[i];
    rhs(t + h, yCand, k7);
    this.stats.rhsEvals += 6;
    this.h = h;
    // Error estimate h·Σ e_j k_j, its weighted RMS norm (error-norm.ts) and the candidate's max-norm, fused.
    let sum = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const a = Math.abs(y[i]);
      const b = Math.abs(yCand[i]);
      const r = e / (atol[i] + rtol * Math.max(a, b));
      sum += r * r;
      max = Math.max(max, b);
    }
    this.candidateNorm = max;
    return Math.sqrt(sum / n);
  }

  accept(tNew: number): boolean {
    this.advance(tNew);
    // FSAL: the last stage is f at the new state; the old f is kept (in k7) for the dense output.
    const oldF = this.f;
    this.f = this.k7;
    this.k7 = oldF;
    return allFinite(this.f);
  }

  /** Continuous extension of order 4 over the last accepted step. */
  interpolate(t: number, out: Float64Array): void {
    const { n, yPrev, y, r3, r4, r5 } = this;
    const h = this.h;
    if (!this.denseReady) {
      // After accept: f holds f(tNew), k7 holds f(tPrev).
      const k1 = this.k7;
      const { k3, k4, k5, k6 } = this;
      const k7 = this.f;
      for (let i = 0; i < n; i++) {
        const dy = y[i] - yPrev[i];
        const b = h * k1[i] - dy;
        r3[i] = b;
        r4[i] = dy - h * k7[i] - b;
        r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
      }
      this.denseReady = true;
    }
    const theta = (t - this.tPrev) / h;
    const theta1 = 1 - theta;
    for (let i = 0; i < n; i++) {
      const dy = y[i] - yPrev[i];
      out[i] = yPrev[i] + theta * (dy + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
    }
  }
}

/** Solves a validated problem with dopri5. */
export function solveDopri5(problem: OdeProblem): OdeSolution {
  const stats = emptyStats();
  const stepper = new Dopri5Stepper(problem.rhs, problem.n, problem.atol, problem.rtol, stats);
  return integrateAdaptive(stepper, problem, DOPRI5_CONTROL, new OutputRecorder(problem.evalTimes), stats);
}

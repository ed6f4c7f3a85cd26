/**
 * RODAS4, the stiffly accurate, L-stable Rosenbrock method of order 4 with an embedded method of
 * order 3 and a continuous extension of order 3 (Hairer & Wanner, Solving ODEs II, §IV.7; coefficients
 * of their code RODAS, "METH = 1"). In the transformed variables k_i each of the 6 stages solves
 *
 *     (I/(γh) − J) k_i = f(t + c_i h, y + Σ_{j<i} a_ij k_j) + Σ_{j<i} (c_ij/h) k_j + γ_i h ∂f/∂t,
 *
 * with γ = 1/4 and J = ∂f/∂y at (t, y), so one LU decomposition serves all stages. Stages 5 and 6
 * are evaluated at t + h: y + Σ a_5j k_j + k_5 is the embedded third-order solution, the new state
 * adds k_6, and k_6 itself is the error estimate. Why RODAS4: it is L-stable and stiffly accurate
 * (no order reduction or oscillation on very stiff components such as Robertson's or Van der Pol's
 * fast phases), fourth order keeps step counts low at the tight tolerances mfkit uses, and it has a
 * dense output, so output times never shorten steps.
 *
 * The Jacobian is evaluated once per accepted state: exact if given, else by forward differences with
 * δ_j = sqrt(eps)·max(|y_j|, min(atol_j/rtol, 1)). The floor atol_j/rtol is the size below which the
 * error test ignores the component; a fixed floor (Hairer's sqrt(eps·max(1e-5, |y_j|))) perturbs tiny
 * components such as Robertson's y2 ≈ 1e-13 by hundreds of times their size, and the resulting
 * Jacobian error costs RODAS its order there (×16 steps and 1e-2 errors at t = 1e11, measured).
 * ∂f/∂t comes from one forward difference unless `autonomous`. A singular
 * iteration matrix rejects the step and shrinks h. Work arrays are allocated once per solve.
 */
import { integrateAdaptive, type StepControl } from "./adaptive.js";
import { allFinite, maxNorm, scaledRmsNorm } from "./error-norm.js";
import { luFactor, luSolve } from "./lu.js";
import { OutputRecorder } from "./output.js";
import { emptyStats } from "./result.js";
import { StepperBase } from "./stepper-base.js";
import type { OdeJacobian, OdeRhs, OdeSolution, OdeStats } from "./types.js";
import type { OdeProblem } from "./validate.js";

const GAMMA = 0.25;
const C2 = 0.386;
const C3 = 0.21;
const C4 = 0.63;
// γ_i (coefficients of h·∂f/∂t).
const G1 = 0.25;
const G2 = -0.1043;
const G3 = 0.1035;
const G4 = -0.03620000000000023;
const A21 = 1.544;
const A31 = 0.9466785280815826;
const A32 = 0.2557011698983284;
const A41 = 3.314825187068521;
const A42 = 2.896124015972201;
const A43 = 0.9986419139977817;
const A51 = 1.221224509226641;
const A52 = 6.019134481288629;
const A53 = 12.53708332932087;
const A54 = -0.687886036105895;
const C21 = -5.6688;
const C31 = -2.430093356833875;
const C32 = -0.2063599157091915;
const C41 = -0.1073529058151375;
const C42 = -9.594562251023355;
const C43 = -20.47028614809616;
const C51 = 7.496443313967647;
const C52 = -10.24680431464352;
const C53 = -33.99990352819905;
const C54 = 11.7089089320616;
const C61 = 8.083246795921522;
const C62 = -7.981132988064893;
const C63 = -31.52159432874371;
const C64 = 16.31930543123136;
const C65 = -6.058818238834054;
// Dense output: y(tPrev + θh) = (1−θ)·yPrev + θ·(y + (1−θ)(Σ d2j k_j + θ Σ d3j k_j)).
const D21 = 10.12623508344586;
const D22 = -7.487995877610167;
const D23 = -34.80091861555747;
const D24 = -7.992771707568823;
const D25 = 1.025137723295662;
const D31 = -0.6762803392801253;
const D32 = 6.087714651680015;
const D33 = 16.43084320892478;
const D34 = 24.76722511418386;
const D35 = -6.594389125716872;

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** Error norm returned for a singular iteration matrix: rejects the step and shrinks h by 5. */
const SINGULAR_ERROR = 1e6;

/** Step control of RODAS4: elementary controller with Gustafsson's predictive factor, as in RODAS. */
export const ROSENBROCK_CONTROL: StepControl = {
  errorExponent: 0.25,
  beta: 0,
  predictive: true,
  safety: 0.9,
  minFactor: 0.2,
  maxFactor: 6,
  localOrder: 4,
};

/** The RODAS4 stepper: stages, Jacobian and LU work arrays of one solve. */
export class RosenbrockStepper extends StepperBase {
  private readonly jacobian: OdeJacobian | undefined;
  private readonly autonomous: boolean;
  private readonly k1 = this.vector();
  private readonly k2 = this.vector();
  private readonly k3 = this.vector();
  private readonly k4 = this.vector();
  private readonly k5 = this.vector();
  private readonly k6 = this.vector();
  private readonly ys = this.vector();
  private readonly fs = this.vector();
  /** ∂f/∂t at the current state. */
  private readonly ft = this.vector();
  // Dense output: y(tPrev + θh) = (1−θ)·yPrev + θ·(y + (1−θ)(r3 + θ·r4)).
  private readonly r3 = this.vector();
  private readonly r4 = this.vector();
  private readonly jac: Float64Array;
  private readonly lu: Float64Array;
  private readonly pivot: Int32Array;
  /** Whether J and ∂f/∂t belong to the current state. */
  private jacobianCurrent = false;

  constructor(
    rhs: OdeRhs,
    n: number,
    atol: Float64Array,
    rtol: number,
    stats: OdeStats,
    jacobian?: OdeJacobian,
    autonomous = false,
  ) {
    super(rhs, n, atol, rtol, stats);
    this.jacobian = jacobian;
    this.autonomous = autonomous;
    this.jac = new Float64Array(n * n);
    this.lu = new Float64Array(n * n);
    this.pivot = new Int32Array(n);
  }

  protected override newState(): void {
    this.jacobianCurrent = false;
  }

  /** J = ∂f/∂y and ∂f/∂t at the current state (exact or forward differences). */
  private evaluateJacobian(): void {
    const { n, rhs, y, f, jac, ys, fs, ft, atol, rtol } = this;
    const t = this.t;
    if (this.jacobian !== undefined) this.jacobian(t, y, jac);
    else {
      ys.set(y);
      for (let j = 0; j < n; j++) {
        const yj = y[j];
        ys[j] = yj + SQRT_EPS * Math.max(Math.abs(yj), Math.min(atol[j] / rtol, 1));
        const delta = ys[j] - yj;
        rhs(t, ys, fs);
        for (let i = 0; i < n; i++) jac[i * n + j] = (fs[i] - f[i]) / delta;
        ys[j] = yj;
      }
      this.stats.rhsEvals += n;
    }
    this.stats.jacobianEvals++;
    if (this.autonomous) ft.fill(0);
    else {
      const dt = t + Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(t))) - t;
      rhs(t + dt, y, fs);
      this.stats.rhsEvals++;
      for (let i = 0; i < n; i++) ft[i] = (fs[i] - f[i]) / dt;
    }
    this.jacobianCurrent = true;
  }

  attempt(h: number): number {
    if (!this.jacobianCurrent) this.evaluateJacobian();
    const { n, rhs, y, f, k1, k2, k3, k4, k5, k6, ys, fs, ft, lu, pivot, yCand } = this;
    const t = this.t;
    this.h = h;
    // Iteration matrix I/(γh) − J.
    const diag = 1 / (GAMMA * h);
    const jac = this.jac;
    for (let i = 0; i < n * n; i++) lu[i] = -jac[i];
    for (let i = 0; i < n; i++) lu[i * n + i] += diag;
    this.stats.decompositions++;
    if (!luFactor(lu, n, pivot)) {
      this.candidateNorm = 0;
      return SINGULAR_ERROR;
    }
    const ih = 1 / h;
    // Stage 1.
    for (let i = 0; i < n; i++) k1[i] = f[i] + h * G1 * ft[i];
    luSolve(lu, n, pivot, k1);
    // Stage 2.
    for (let i = 0; i < n; i++) ys[i] = y[i] + A21 * k1[i];
    rhs(t + C2 * h, ys, fs);
    for (let i = 0; i < n; i++) k2[i] = fs[i] + ih * (C21 * k1[i]) + h * G2 * ft[i];
    luSolve(lu, n, pivot, k2);
    // Stage 3.
    for (let i = 0; i < n; i++) ys[i] = y[i] + A31 * k1[i] + A32 * k2[i];
    rhs(t + C3 * h, ys, fs);
    for (let i = 0; i < n; i++) k3[i] = fs[i] + ih * (C31 * k1[i] + C32 * k2[i]) + h * G3 * ft[i];
    luSolve(lu, n, pivot, k3);
    // Stage 4.
    for (let i = 0; i < n; i++) ys[i] = y[i] + A41 * k1[i] + A42 * k2[i] + A43 * k3[i];
    rhs(t + C4 * h, ys, fs);
    for (let i = 0; i < n; i++) {
      k4[i] = fs[i] + ih * (C41 * k1[i] + C42 * k2[i] + C43 * k3[i]) + h * G4 * ft[i];
    }
    luSolve(lu, n, pivot, k4);
    // Stage 5 (at t + h).
    for (let i = 0; i < n; i++) ys[i] = y[i] + A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i];
    rhs(t + h, ys, fs);
    for (let i = 0; i < n; i++) k5[i] = fs[i] + ih * (C51 * k1[i] + C52 * k2[i] + C53 * k3[i] + C54 * k4[i]);
    luSolve(lu, n, pivot, k5);
    // Stage 6 at the embedded solution ys + k5.
    for (let i = 0; i < n; i++) ys[i] += k5[i];
    rhs(t + h, ys, fs);
    for (let i = 0; i < n; i++) {
      k6[i] = fs[i] + ih * (C61 * k1[i] + C62 * k2[i] + C63 * k3[i] + C64 * k4[i] + C65 * k5[i]);
    }
    luSolve(lu, n, pivot, k6);
    this.stats.rhsEvals += 5;
    for (let i = 0; i < n; i++) yCand[i] = ys[i] + k6[i];
    this.candidateNorm = maxNorm(yCand);
    return scaledRmsNorm(k6, y, yCand, this.atol, this.rtol);
  }

  accept(tNew: number): boolean {
    this.advance(tNew);
    this.rhs(tNew, this.y, this.f);
    this.stats.rhsEvals++;
    return allFinite(this.f);
  }

  /** Continuous extension of order 3 over the last accepted step. */
  interpolate(t: number, out: Float64Array): void {
    const { n, yPrev, y, r3, r4, k1, k2, k3, k4, k5 } = this;
    if (!this.denseReady) {
      for (let i = 0; i < n; i++) {
        r3[i] = D21 * k1[i] + D22 * k2[i] + D23 * k3[i] + D24 * k4[i] + D25 * k5[i];
        r4[i] = D31 * k1[i] + D32 * k2[i] + D33 * k3[i] + D34 * k4[i] + D35 * k5[i];
      }
      this.denseReady = true;
    }
    const theta = (t - this.tPrev) / this.h;
    const theta1 = 1 - theta;
    for (let i = 0; i < n; i++)
      out[i] = theta1 * yPrev[i] + theta * (y[i] + theta1 * (r3[i] + theta * r4[i]));
  }
}

/** Solves a validated problem with RODAS4. */
export function solveRosenbrock(problem: OdeProblem): OdeSolution {
  const stats = emptyStats();
  const stepper = new RosenbrockStepper(
    problem.rhs,
    problem.n,
    problem.atol,
    problem.rtol,
    stats,
    problem.jacobian,
    problem.autonomous,
  );
  return integrateAdaptive(
    stepper,
    problem,
    ROSENBROCK_CONTROL,
    new OutputRecorder(problem.evalTimes),
    stats,
  );
}

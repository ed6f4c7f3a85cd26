/**
 * The TMF mean-field recursion (docs/temporal-mean-field.md §2):
 *
 *     μ_{t+1}(o) = Σ_{o'} μ_t(o') [ ρ_t Σ_a π_t(a|o') P(o|o',a,μ_t) + (1 − ρ_t) P0(o|o',μ_t) ]
 *
 * i.e. μ_{t+1} = μ_t [ρ_t P_π(μ_t) + (1 − ρ_t) P0(μ_t)]. It is the exact conditional mean of the
 * next empirical distribution under uniform B-of-N or Bernoulli(ρ) activation, and at ρ = 1 the
 * standard MFG forward equation.
 */
import { policyTableAt, type TemporalMeanFieldGame, type TmfPolicy } from "./model.js";
import { validateRate } from "./validation.js";

/** Reusable buffers for one game (allocate once, reuse in loops). */
export class TmfWorkspace {
  readonly active: Float64Array;
  readonly passive: Float64Array;
  readonly reward: Float64Array;
  readonly reward0: Float64Array;
  readonly pi: Float64Array;
  /** True once the μ-independent kernels have been evaluated (they are then reused). */
  kernelsReady = false;
  constructor(readonly game: TemporalMeanFieldGame) {
    const { nObs: o, nActions: a } = game;
    this.active = new Float64Array(o * a * o);
    this.passive = new Float64Array(o * o);
    this.reward = new Float64Array(o * a);
    this.reward0 = new Float64Array(o);
    this.pi = new Float64Array(o * a);
  }
}

/**
 * One step of the recursion with the policy table `pi` (|O|·|A|) already evaluated: writes
 * μ_{t+1} into `out` (which must not alias `mu`). Evaluates P(μ) and P0(μ) into the workspace.
 */
export function recursionStep(
  ws: TmfWorkspace,
  mu: Float64Array,
  pi: Float64Array,
  rho: number,
  out: Float64Array,
): void {
  const game = ws.game;
  const nO = game.nObs;
  const nA = game.nActions;
  const dep = game.dependsOnMeanField;
  if (dep.activeKernel || !ws.kernelsReady) game.activeKernel(mu, ws.active);
  if (!game.passiveIsIdentity && (dep.passiveKernel || !ws.kernelsReady)) game.passiveKernel(mu, ws.passive);
  ws.kernelsReady = true;
  out.fill(0);
  const active = ws.active;
  const passive = ws.passive;
  for (let o = 0; o < nO; o++) {
    const m = mu[o];
    if (m === 0) continue;
    const activeMass = rho * m;
    for (let a = 0; a < nA; a++) {
      const w = activeMass * pi[o * nA + a];
      if (w === 0) continue;
      const row = (o * nA + a) * nO;
      for (let n = 0; n < nO; n++) out[n] += w * active[row + n];
    }
    const idleMass = (1 - rho) * m;
    if (idleMass === 0) continue;
    if (game.passiveIsIdentity) {
      out[o] += idleMass;
    } else {
      const row = o * nO;
      for (let n = 0; n < nO; n++) out[n] += idleMass * passive[row + n];
    }
  }
}

/**
 * A constant activation rate or a schedule ρ_0, ρ_1, … (one entry per epoch t = 0..T; a shorter
 * schedule repeats its last entry, so ρ_0..ρ_{T−1} suffices for the flow and the values alike).
 */
export type RateSchedule = number | ArrayLike<number>;

/** ρ_t of a schedule: the constant, or entry min(t, length − 1) (see {@link RateSchedule}). */
export function rateAt(rho: RateSchedule, t: number): number {
  return typeof rho === "number" ? rho : rho[Math.min(t, rho.length - 1)];
}

/** Checks ρ_t ∈ (0, 1] for t = 0..last (a typed error naming `["rho"]` or `["rho", t]`). */
export function validateSchedule(rho: RateSchedule, last: number): void {
  for (let t = 0; t <= last; t++)
    validateRate(rateAt(rho, t), typeof rho === "number" ? ["rho"] : ["rho", t]);
}

/**
 * The mean-field flow μ_0..μ_steps under `policy` with activation rate ρ (constant or per step),
 * flat as `flow[t·|O| + o]`. `steps` defaults to the game's horizon T.
 */
export function meanFieldFlow(
  game: TemporalMeanFieldGame,
  policy: TmfPolicy,
  rho: RateSchedule,
  steps: number = game.horizon,
  mu0: Float64Array = game.mu0,
): Float64Array {
  const nO = game.nObs;
  validateSchedule(rho, steps - 1);
  const ws = new TmfWorkspace(game);
  const flow = new Float64Array((steps + 1) * nO);
  flow.set(mu0, 0);
  for (let t = 0; t < steps; t++) {
    const mu = flow.subarray(t * nO, (t + 1) * nO);
    policyTableAt(policy, t, mu, nO, game.nActions, ws.pi);
    recursionStep(ws, mu, ws.pi, rateAt(rho, t), flow.subarray((t + 1) * nO, (t + 2) * nO));
  }
  return flow;
}

/** ‖x − y‖_1 over `length` entries starting at the given offsets. */
export function l1Distance(
  x: ArrayLike<number>,
  xOffset: number,
  y: ArrayLike<number>,
  yOffset: number,
  length: number,
): number {
  let d = 0;
  for (let i = 0; i < length; i++) d += Math.abs(x[xOffset + i] - y[yOffset + i]);
  return d;
}

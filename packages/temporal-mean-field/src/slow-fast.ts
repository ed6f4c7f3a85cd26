/**
 * TMF in the slow/fast picture (docs/temporal-mean-field.md §8).
 *
 * Population level: one agent's update is a slow step of size ε = 1/N on x = μ̂. The fast state
 * e = (ω, o, a, o') is redrawn afresh each step from
 *     o ~ μ, ω ~ Bernoulli(ρ), a ~ π(·|o), o' ~ ω ? P(·|o, a, μ) : P0(·|o, μ)
 * (a kernel that ignores e, hence trivially ergodic), the increment is f(μ, e) = e_{o'} − e_o and the
 * averaged drift is F(μ) = ρ[μP_π(μ) − μ] + (1 − ρ)[μP0(μ) − μ]. With P0 = id and τ = Σ_t ρ_t
 * (decisions per agent), the ρ → 0 limit of the recursion is the ODE dμ/dτ = μP_π(μ) − μ, solved
 * here with core's `solveOde`.
 */
import { MfkitError, type RandomSource, type SlowFastModel, solveOdeOrThrow } from "@mfkit/core";
import type { TemporalMeanFieldGame } from "./model.js";
import { recursionStep, TmfWorkspace } from "./recursion.js";
import { validateRate, validateTmfGameOrThrow } from "./validation.js";

/** A stationary policy: an |O|·|A| table, or a μ-aware map (μ, out) → π(·|·, μ). */
export type StationaryPolicy = Float64Array | ((mu: Float64Array, out: Float64Array) => void);

function evaluatePolicy(policy: StationaryPolicy, mu: Float64Array, out: Float64Array): void {
  if (typeof policy === "function") policy(mu, out);
  else out.set(policy.subarray(0, out.length));
}

function sampleRow(row: Float64Array, offset: number, length: number, u: number): number {
  let acc = 0;
  for (let i = 0; i < length - 1; i++) {
    acc += row[offset + i];
    if (u < acc) return i;
  }
  return length - 1;
}

/**
 * The TMF population as a core `SlowFastModel` with fast state e = Int32Array [ω, o, a, o'] (a = −1
 * when idle). `drift` writes F(μ) = ρ(μP_π − μ) + (1 − ρ)(μP0 − μ).
 */
export function tmfSlowFastModel(
  game: TemporalMeanFieldGame,
  policy: StationaryPolicy,
  rho: number,
): SlowFastModel<Int32Array> {
  validateTmfGameOrThrow(game);
  validateRate(rho);
  const nO = game.nObs;
  const nA = game.nActions;
  const ws = new TmfWorkspace(game);
  const law = new Float64Array(nO);
  const draw = (x: Float64Array, e: Int32Array, random: RandomSource) => {
    let total = 0;
    for (let o = 0; o < nO; o++) {
      law[o] = Math.max(0, x[o]);
      total += law[o];
    }
    for (let o = 0; o < nO; o++) law[o] /= total;
    const o = sampleRow(law, 0, nO, random.next());
    const active = random.next() < rho;
    e[0] = active ? 1 : 0;
    e[1] = o;
    if (active) {
      evaluatePolicy(policy, law, ws.pi);
      game.activeKernel(law, ws.active);
      const a = sampleRow(ws.pi, o * nA, nA, random.next());
      e[2] = a;
      e[3] = sampleRow(ws.active, (o * nA + a) * nO, nO, random.next());
    } else {
      e[2] = -1;
      game.passiveKernel(law, ws.passive);
      e[3] = sampleRow(ws.passive, o * nO, nO, random.next());
    }
  };
  const next = new Float64Array(nO);
  return {
    dim: nO,
    createFastState: () => new Int32Array(4),
    initFastState: draw,
    advanceFastState: draw,
    applyIncrement(x, e, scale) {
      x[e[1]] -= scale;
      x[e[3]] += scale;
    },
    drift(x, out) {
      evaluatePolicy(policy, x, ws.pi);
      recursionStep(ws, x, ws.pi, rho, next);
      for (let o = 0; o < nO; o++) out[o] = next[o] - x[o];
    },
  };
}

/**
 * The ρ → 0 limit ODE dμ/dτ = μP_π(μ) − μ on the decision clock τ (requires P0 = id), solved with
 * core's adaptive Dormand–Prince method; returns μ at each requested τ, flat `[k·|O| + o]`.
 */
export function limitOdeFlow(
  game: TemporalMeanFieldGame,
  policy: StationaryPolicy,
  taus: readonly number[],
  options: { mu0?: Float64Array; rtol?: number; atol?: number } = {},
): Float64Array {
  validateTmfGameOrThrow(game);
  if (!game.passiveIsIdentity) {
    throw new MfkitError(
      "invalid-argument",
      `the decision-clock ODE needs an identity passive kernel; ${game.name} moves idle agents`,
      ["game", "passiveIsIdentity"],
    );
  }
  const nO = game.nObs;
  const ws = new TmfWorkspace(game);
  const mu = new Float64Array(nO);
  const next = new Float64Array(nO);
  const rhs = (_tau: number, y: Float64Array, dydt: Float64Array) => {
    for (let o = 0; o < nO; o++) mu[o] = y[o];
    evaluatePolicy(policy, mu, ws.pi);
    recursionStep(ws, mu, ws.pi, 1, next);
    for (let o = 0; o < nO; o++) dydt[o] = next[o] - mu[o];
  };
  const t1 = taus.length > 0 ? taus[taus.length - 1] : 0;
  const out = new Float64Array(taus.length * nO);
  if (t1 === 0) {
    for (let k = 0; k < taus.length; k++) out.set(options.mu0 ?? game.mu0, k * nO);
    return out;
  }
  const solution = solveOdeOrThrow(rhs, [0, t1], options.mu0 ?? game.mu0, {
    rtol: options.rtol ?? 1e-10,
    atol: options.atol ?? 1e-12,
    evalTimes: taus,
  });
  for (let k = 0; k < solution.y.length; k++) out.set(solution.y[k], k * nO);
  return out;
}

/**
 * TMF values against a fixed flow μ_0..μ_T (docs/temporal-mean-field.md §3), by backward induction
 * with V_{T+1} = 0 and the active Q
 *
 *     Q_t(o, a) = r(o, a, μ_t) + γ Σ_{o'} P(o'|o, a, μ_t) V_{t+1}(o').
 *
 * `randomActivation` (default; the returns N agents actually collect):
 *     V_t(o) = ρ_t Σ_a π_t(a|o) Q_t(o, a) + (1 − ρ_t)[r0(o, μ_t) + γ Σ_{o'} P0(o'|o, μ_t) V_{t+1}(o')]
 * `alwaysActive`: V_t(o) = Σ_a π_t(a|o) Q_t(o, a).
 * The best-response value V* replaces Σ_a π Q by max_a Q (the agent optimises only where it acts).
 * Exploitability: Σ_o μ0(o)(V*_0(o) − V^π_0(o)) against the policy's own flow (§3). With an
 * entropy weight λ > 0 both values are the regularised ones (entropy at active decisions only; the
 * best response is the soft one), giving the λ-regularised exploitability.
 */
import { policyTableAt, type TemporalMeanFieldGame, type TmfPolicy } from "./model.js";
import { meanFieldFlow, type RateSchedule, rateAt, TmfWorkspace, validateSchedule } from "./recursion.js";

/** Which value the representative agent collects. */
export type ValueConvention = "randomActivation" | "alwaysActive";

/** How values are computed: the convention and an entropy bonus λ ≥ 0 at active decisions. */
export interface ValueOptions {
  convention?: ValueConvention;
  /**
   * λ ≥ 0: the regularised values add λ·H(π_t(·|o)) at each active decision; the best response is
   * then soft, Σ_a π Q → λ log Σ_a exp(Q/λ) (default 0: unregularised).
   */
  entropy?: number;
}

function resolveValueOptions(options: ValueOptions | ValueConvention | undefined): Required<ValueOptions> {
  if (typeof options === "string") return { convention: options, entropy: 0 };
  return { convention: options?.convention ?? "randomActivation", entropy: options?.entropy ?? 0 };
}

/** Q (flat `[(t·|O| + o)·|A| + a]`) and V (flat `[t·|O| + o]`), t = 0..T. */
export interface TmfValueTables {
  Q: Float64Array;
  V: Float64Array;
}

/**
 * Backward induction against `flow` (flat (T+1)·|O|). With `policy` undefined it computes the
 * best-response values, otherwise the policy's values.
 */
export function tmfValues(
  game: TemporalMeanFieldGame,
  flow: Float64Array,
  rho: RateSchedule,
  policy?: TmfPolicy,
  options?: ValueOptions | ValueConvention,
): TmfValueTables {
  const { convention, entropy } = resolveValueOptions(options);
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  validateSchedule(rho, T);
  const gamma = game.discount;
  const ws = new TmfWorkspace(game);
  const Q = new Float64Array((T + 1) * nO * nA);
  const V = new Float64Array((T + 1) * nO);
  const zero = new Float64Array(nO);
  for (let t = T; t >= 0; t--) {
    const mu = flow.subarray(t * nO, (t + 1) * nO);
    const vNext = t === T ? zero : V.subarray((t + 1) * nO, (t + 2) * nO);
    game.activeKernel(mu, ws.active);
    game.activeReward(mu, ws.reward);
    const r = rateAt(rho, t);
    const random = convention === "randomActivation" && r < 1;
    if (random) {
      game.passiveKernel(mu, ws.passive);
      game.passiveReward(mu, ws.reward0);
    }
    if (policy !== undefined) policyTableAt(policy, t, mu, nO, nA, ws.pi);
    for (let o = 0; o < nO; o++) {
      let actValue = policy === undefined ? Number.NEGATIVE_INFINITY : 0;
      const base = (t * nO + o) * nA;
      for (let a = 0; a < nA; a++) {
        const row = (o * nA + a) * nO;
        let ev = 0;
        for (let n = 0; n < nO; n++) ev += ws.active[row + n] * vNext[n];
        const q = ws.reward[o * nA + a] + gamma * ev;
        Q[base + a] = q;
        if (policy === undefined) actValue = Math.max(actValue, q);
        else {
          const p = ws.pi[o * nA + a];
          actValue += p * q;
          if (entropy > 0 && p > 0) actValue -= entropy * p * Math.log(p);
        }
      }
      if (policy === undefined && entropy > 0) {
        // Soft maximum λ log Σ exp(Q/λ), shifted by the max for stability.
        let sum = 0;
        for (let a = 0; a < nA; a++) sum += Math.exp((Q[base + a] - actValue) / entropy);
        actValue += entropy * Math.log(sum);
      }
      let value = actValue;
      if (random) {
        let ev = 0;
        for (let n = 0; n < nO; n++) ev += ws.passive[o * nO + n] * vNext[n];
        value = r * actValue + (1 - r) * (ws.reward0[o] + gamma * ev);
      }
      V[t * nO + o] = value;
    }
  }
  return { Q, V };
}

/** J(π) = Σ_o μ0(o) V^π_0(o) against the policy's own flow (the mean-field return per agent). */
export function tmfReturn(
  game: TemporalMeanFieldGame,
  policy: TmfPolicy,
  rho: RateSchedule,
  options?: ValueOptions | ValueConvention,
): number {
  const flow = meanFieldFlow(game, policy, rho);
  const { V } = tmfValues(game, flow, rho, policy, options);
  let j = 0;
  for (let o = 0; o < game.nObs; o++) j += game.mu0[o] * V[o];
  return j;
}

/**
 * The exploitability of a TMF policy computed directly (no reduction): Σ_o μ0(o)(V*_0 − V^π_0)
 * with both values against μ^π, the policy's own recursion flow at rate ρ.
 */
export function tmfExploitability(
  game: TemporalMeanFieldGame,
  policy: TmfPolicy,
  rho: RateSchedule,
  options?: ValueOptions | ValueConvention,
): number {
  const flow = meanFieldFlow(game, policy, rho);
  const best = tmfValues(game, flow, rho, undefined, options);
  const own = tmfValues(game, flow, rho, policy, options);
  let e = 0;
  for (let o = 0; o < game.nObs; o++) e += game.mu0[o] * (best.V[o] - own.V[o]);
  return e;
}

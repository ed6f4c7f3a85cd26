/**
 * Exact unregularised equilibria of the resource-selection game with no switching cost
 * (docs/temporal-mean-field.md §4), as the solution of a linear complementarity problem.
 *
 * With s = 0 an active agent's Q-values do not depend on the resource it holds, so only the aggregate
 * choice q_t(a) = Σ_o μ_t(o) π_t(a|o) matters, and the load is affine in it:
 * μ_{t+1} = (1 − ρ) μ_t + ρ q_t. Up to terms equal for every a, choosing a at t costs
 *
 *     C_t(a) = (1/κ_a) Σ_{k=0}^{T−t} d^k μ_{t+k}(a),   d = γ(1 − ρ) (holding cost), d = 0 (r0 = 0),
 *
 * the price now plus the holding costs until the agent's next activation. An equilibrium is
 * q_t ⊥ (C_t − v_t) ≥ 0 with Σ_a q_t(a) = 1 for t < T, an LCP in (q_0..q_{T−1}, v) whose matrix is
 * entrywise non-negative with a positive diagonal on q (costs shifted by +1 so that every v_t > 0);
 * q_T just takes the cheapest resource. Lemke's method from the cold start needs a number of pivots
 * that grows geometrically with T (≈ 1.6× per epoch), so the horizon is reached by continuation: solve
 * a short horizon, then lengthen it by two epochs at a time, warm-starting Lemke from the previous
 * solution's supports (the equilibrium's prefix does not change, only the last epochs do).
 *
 * The TMF policy is π_t(a|o) = q_t(a) for every o; its exploitability is computed through the
 * activation-coin reduction.
 */
import { MfkitError, solveLcp } from "@mfkit/core";
import type { TemporalMeanFieldGame } from "../model.js";
import { meanFieldFlow } from "../recursion.js";
import { validateRate } from "../validation.js";
import { tmfExploitability } from "../values.js";
import {
  createResourceSelection,
  DEFAULT_CAPACITIES,
  type ResourceSelectionOptions,
} from "./resource-selection.js";

/** Options of {@link resourceSelectionEquilibrium}. */
export interface ResourceSelectionEquilibriumOptions {
  /** Activation rate ρ ∈ (0, 1]. */
  rho: number;
  /** The continuation starts at the smallest horizon ≥ this that reaches T in equal steps (default 6). */
  startHorizon?: number;
  /** Horizon increment of the continuation (default 2: the equilibria alternate with period 2). */
  step?: number;
  /** Lemke pivots allowed per horizon (default 50 000). */
  maxPivots?: number;
}

/** An exact equilibrium of the resource-selection game. */
export interface ResourceSelectionEquilibrium {
  /** The game solved, `createResourceSelection(options)`. */
  game: TemporalMeanFieldGame;
  /** The TMF policy π_t(a|o) = q_t(a), flat ((T+1)·M·M). */
  policy: Float64Array;
  /** The aggregate choices q_t(a), flat ((T+1)·M). */
  choices: Float64Array;
  /** The mean-field flow μ_0..μ_T at rate ρ. */
  flow: Float64Array;
  /** Exploitability through the reduction (`tmfExploitability`). */
  exploitability: number;
  /** The continuation's horizons and Lemke pivots at each. */
  horizons: number[];
  pivots: number[];
}

/** The reduced LCP (M, q) at horizon T (module comment): z = (q_0..q_{T−1}, v_0..v_{T−1}). */
function reducedProblem(
  kappa: Float64Array,
  mu0: Float64Array,
  rho: number,
  d: number,
  T: number,
): { M: Float64Array[]; q: Float64Array } {
  const m = kappa.length;
  const nq = T * m;
  const n = nq + T;
  // ∂C_t(a)/∂q_s(a) · κ_a = Σ_{k ≥ 0, s < t+k ≤ T} d^k ρ (1 − ρ)^{t+k−1−s}.
  const coupling = (t: number, s: number) => {
    let v = 0;
    for (let k = 0; t + k <= T; k++) if (s < t + k) v += d ** k * rho * (1 - rho) ** (t + k - 1 - s);
    return v;
  };
  const M = Array.from({ length: n }, () => new Float64Array(n));
  const q = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < m; a++) {
      const row = M[t * m + a]!;
      for (let s = 0; s < T; s++) row[s * m + a] = coupling(t, s) / kappa[a]!;
      row[nq + t] = -1;
      let free = 0;
      for (let k = 0; t + k <= T; k++) free += d ** k * mu0[a]! * (1 - rho) ** (t + k);
      q[t * m + a] = 1 + free / kappa[a]!;
    }
    for (let a = 0; a < m; a++) M[nq + t]![t * m + a] = 1;
    q[nq + t] = -1;
  }
  return { M, q };
}

/**
 * Computes an exact equilibrium of `createResourceSelection(game)` at rate ρ (module comment).
 * Requires switching cost 0; typed errors otherwise, and when Lemke fails at some horizon.
 */
export function resourceSelectionEquilibrium(
  game: ResourceSelectionOptions,
  options: ResourceSelectionEquilibriumOptions,
): ResourceSelectionEquilibrium {
  const full = createResourceSelection(game); // validates the game's options
  const { rho } = options;
  validateRate(rho, ["options", "rho"]);
  if ((game.switchingCost ?? 0) !== 0) {
    throw new MfkitError(
      "invalid-argument",
      "the exact solver needs switching cost 0 (then Q does not depend on the resource held)",
      ["switchingCost"],
    );
  }
  const raw = game.capacities ?? DEFAULT_CAPACITIES;
  const total = raw.reduce((x, y) => x + y, 0);
  const kappa = Float64Array.from(raw, (k) => k / total);
  const m = kappa.length;
  const T = full.horizon;
  const holding = (game.passiveReward ?? "holding") === "holding";
  const d = holding ? full.discount * (1 - rho) : 0;
  const step = options.step ?? 2;
  const start = options.startHorizon ?? 6;
  for (const [key, value, min] of [
    ["step", step, 1],
    ["startHorizon", start, 0],
  ] as const) {
    if (!(Number.isInteger(value) && value >= min)) {
      throw new MfkitError("invalid-argument", `${key} must be an integer ≥ ${min}, got ${value}`, [
        "options",
        key,
      ]);
    }
  }
  // T, T − step, … down to the first horizon ≥ start: equal steps that end at T.
  const horizons: number[] = [T];
  while (horizons[0]! - step >= Math.min(start, T)) horizons.unshift(horizons[0]! - step);

  let previous: Float64Array | undefined;
  let previousHorizon = 0;
  const pivots: number[] = [];
  let choices = new Float64Array(0);
  for (const h of horizons) {
    const { M, q } = reducedProblem(kappa, full.mu0, rho, d, h);
    let guess: Uint8Array | undefined;
    if (previous !== undefined) {
      // The prefix is kept; the last two epochs repeat the previous solution's last two.
      guess = new Uint8Array(q.length);
      for (let t = 0; t < h; t++) {
        const source = t < h - 2 ? Math.min(t, previousHorizon - 1) : Math.max(0, t - (h - previousHorizon));
        for (let a = 0; a < m; a++) guess[t * m + a] = previous[source * m + a]! > 0 ? 1 : 0;
      }
      for (let t = 0; t < h; t++) guess[h * m + t] = 1;
    }
    const result = solveLcp(M, q, { maxPivots: options.maxPivots ?? 50_000, ...(guess ? { guess } : {}) });
    if (result.status !== "solved") {
      throw new MfkitError(
        "not-converged",
        `Lemke's method ended with "${result.status}" after ${result.pivots} pivots at horizon ${h}`,
        ["options", "maxPivots"],
        { horizon: h },
      );
    }
    pivots.push(result.pivots);
    choices = new Float64Array((h + 1) * m);
    for (let t = 0; t < h; t++) {
      let sum = 0;
      for (let a = 0; a < m; a++) sum += result.z[t * m + a]!;
      for (let a = 0; a < m; a++) choices[t * m + a] = result.z[t * m + a]! / sum;
    }
    previous = choices;
    previousHorizon = h;
  }
  // q_T: the cheapest resource at the final load.
  const mu = Float64Array.from(full.mu0);
  for (let t = 0; t < T; t++)
    for (let a = 0; a < m; a++) mu[a] = (1 - rho) * mu[a]! + rho * choices[t * m + a]!;
  let cheapest = 0;
  for (let a = 1; a < m; a++) if (mu[a]! / kappa[a]! < mu[cheapest]! / kappa[cheapest]!) cheapest = a;
  choices[T * m + cheapest] = 1;
  const policy = new Float64Array((T + 1) * m * m);
  for (let t = 0; t <= T; t++)
    for (let o = 0; o < m; o++) policy.set(choices.subarray(t * m, (t + 1) * m), (t * m + o) * m);
  return {
    game: full,
    policy,
    choices,
    flow: meanFieldFlow(full, policy, rho),
    exploitability: tmfExploitability(full, policy, rho),
    horizons,
    pivots,
  };
}

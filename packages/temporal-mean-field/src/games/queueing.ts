/**
 * The dynamic queueing game (docs/temporal-mean-field.md §6): O = {0 home, 1..K in queue k},
 * A = {1..K} (queue to join / switch to; action index a means queue a+1).
 *
 * Service (active and idle agents alike): in queue k an agent is served w.p.
 * q_k(μ) = min(1, s_k / max(μ(k), 1e-9)) and goes home (processor sharing with capacity s_k).
 * Active kernel: at home, join queue a w.p. λ_arr, else stay; in queue k, served → home, else move to a.
 * Passive kernel: in queue k, served → home, else stay; at home stay (`on-activation`, default) or,
 * with `exogenous` arrivals, arrive w.p. λ_arr into a uniformly random queue.
 * Rewards: r(o, a, μ) = −1[o ≠ 0] − c_sw·1[o ≠ 0, a ≠ o],  r0(o, μ) = −1[o ≠ 0].
 * Defaults: K = 3, s = (.2, .3, .5), λ_arr = 0.3, c_sw = 0.5, μ0 = everyone home, T = 50, γ = 0.95.
 */
import { MfkitError } from "@mfkit/core";
import type { TemporalMeanFieldGame } from "../model.js";

/** Parameters of the queueing game (defaults in the module comment). */
export interface QueueingOptions {
  /** Service capacities s_k (default (.2, .3, .5)); K = their number. */
  capacities?: readonly number[];
  /** Arrival probability λ_arr ∈ [0, 1] (default 0.3). */
  arrivalRate?: number;
  /** Switching cost c_sw ≥ 0 (default 0.5). */
  switchingCost?: number;
  /** `on-activation` (default) or `exogenous` arrivals of idle agents at home. */
  arrivals?: "on-activation" | "exogenous";
  horizon?: number;
  discount?: number;
  mu0?: readonly number[];
}

/** Creates the dynamic queueing TMF game. */
export function createQueueing(options: QueueingOptions = {}): TemporalMeanFieldGame {
  const s = Float64Array.from(options.capacities ?? [0.2, 0.3, 0.5]);
  const k = s.length;
  if (k < 1) throw new MfkitError("invalid-shape", "at least one queue is needed", ["capacities"]);
  s.forEach((v, i) => {
    if (!(v > 0 && Number.isFinite(v))) {
      throw new MfkitError("invalid-argument", `service capacity must be positive, got ${v}`, [
        "capacities",
        i,
      ]);
    }
  });
  const lambda = options.arrivalRate ?? 0.3;
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new MfkitError("invalid-probability", `arrival rate must lie in [0, 1], got ${lambda}`, [
      "arrivalRate",
    ]);
  }
  const cost = options.switchingCost ?? 0.5;
  if (!(cost >= 0 && Number.isFinite(cost))) {
    throw new MfkitError("invalid-argument", `switching cost must be ≥ 0, got ${cost}`, ["switchingCost"]);
  }
  const exogenous = (options.arrivals ?? "on-activation") === "exogenous";
  const nO = k + 1;
  const mu0 = options.mu0 ? Float64Array.from(options.mu0) : new Float64Array(nO);
  if (!options.mu0) mu0[0] = 1;
  const served = (mu: Float64Array, queue: number) => Math.min(1, s[queue - 1] / Math.max(mu[queue], 1e-9));
  return {
    name: "queueing",
    nObs: nO,
    nActions: k,
    horizon: options.horizon ?? 50,
    discount: options.discount ?? 0.95,
    mu0,
    dependsOnMeanField: {
      activeKernel: true,
      passiveKernel: true,
      activeReward: false,
      passiveReward: false,
    },
    passiveIsIdentity: false,
    activeKernel(mu, out) {
      out.fill(0);
      for (let a = 0; a < k; a++) {
        const row = a * nO; // o = 0
        out[row + a + 1] = lambda;
        out[row] += 1 - lambda;
      }
      for (let o = 1; o < nO; o++) {
        const q = served(mu, o);
        for (let a = 0; a < k; a++) {
          const row = (o * k + a) * nO;
          out[row] = q;
          out[row + a + 1] += 1 - q;
        }
      }
    },
    activeReward(_mu, out) {
      for (let a = 0; a < k; a++) out[a] = 0;
      for (let o = 1; o < nO; o++) for (let a = 0; a < k; a++) out[o * k + a] = -1 - (a + 1 === o ? 0 : cost);
    },
    passiveKernel(mu, out) {
      out.fill(0);
      if (exogenous) {
        out[0] = 1 - lambda;
        for (let q = 1; q < nO; q++) out[q] += lambda / k;
      } else out[0] = 1;
      for (let o = 1; o < nO; o++) {
        const q = served(mu, o);
        out[o * nO] = q;
        out[o * nO + o] = 1 - q;
      }
    },
    passiveReward(_mu, out) {
      out[0] = 0;
      for (let o = 1; o < nO; o++) out[o] = -1;
    },
    obsNames: ["home", ...Array.from({ length: k }, (_, i) => `q${i + 1}`)],
    actionNames: Array.from({ length: k }, (_, i) => `q${i + 1}`),
  };
}

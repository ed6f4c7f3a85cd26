/**
 * The resource-selection game (docs/temporal-mean-field.md §6): O = A = {1..M} (resource held /
 * resource to use next), P(o'|o, a) = 1[o' = a], P0 = id,
 *
 *     r(o, a, μ) = −c_a(μ(a)) − s·1[a ≠ o],    r0(o, μ) = −c_o(μ(o)),    c_m(x) = x/κ_m,  Σκ_m = 1.
 *
 * Defaults: M = 5, κ = (.10, .15, .20, .25, .30), s = 0, μ0 uniform, T = 50, γ = 0.95.
 * With s = 0 the load μ = κ equalises every cost at 1 (the unregularised stationary equilibrium).
 */
import { MfkitError } from "@mfkit/core";
import type { TemporalMeanFieldGame } from "../model.js";

/** Parameters of the resource-selection game (defaults in the module comment). */
export interface ResourceSelectionOptions {
  /** Capacities κ_m > 0, normalised to sum 1 (default (.10, .15, .20, .25, .30)). */
  capacities?: readonly number[];
  /** Switching cost s ≥ 0 (default 0). */
  switchingCost?: number;
  /** Passive reward: `holding` (r0 = −c_o(μ(o)), default) or `zero`. */
  passiveReward?: "holding" | "zero";
  horizon?: number;
  discount?: number;
  /** Initial load (default uniform). */
  mu0?: readonly number[];
}

/** The default capacities κ of the note (§6). */
export const DEFAULT_CAPACITIES = [0.1, 0.15, 0.2, 0.25, 0.3] as const;

/** Creates the resource-selection TMF game. */
export function createResourceSelection(options: ResourceSelectionOptions = {}): TemporalMeanFieldGame {
  const raw = options.capacities ?? DEFAULT_CAPACITIES;
  const m = raw.length;
  if (m < 1) throw new MfkitError("invalid-shape", "at least one resource is needed", ["capacities"]);
  let total = 0;
  raw.forEach((k, i) => {
    if (!(k > 0 && Number.isFinite(k))) {
      throw new MfkitError("invalid-argument", `capacity must be positive, got ${k}`, ["capacities", i]);
    }
    total += k;
  });
  const kappa = Float64Array.from(raw, (k) => k / total);
  const s = options.switchingCost ?? 0;
  if (!(s >= 0 && Number.isFinite(s))) {
    throw new MfkitError("invalid-argument", `switching cost must be ≥ 0, got ${s}`, ["switchingCost"]);
  }
  const holding = (options.passiveReward ?? "holding") === "holding";
  const mu0 = options.mu0 ? Float64Array.from(options.mu0) : new Float64Array(m).fill(1 / m);
  return {
    name: "resource-selection",
    nObs: m,
    nActions: m,
    horizon: options.horizon ?? 50,
    discount: options.discount ?? 0.95,
    mu0,
    dependsOnMeanField: {
      activeKernel: false,
      passiveKernel: false,
      activeReward: true,
      passiveReward: holding,
    },
    passiveIsIdentity: true,
    activeKernel(_mu, out) {
      out.fill(0);
      for (let o = 0; o < m; o++) for (let a = 0; a < m; a++) out[(o * m + a) * m + a] = 1;
    },
    activeReward(mu, out) {
      for (let o = 0; o < m; o++) {
        for (let a = 0; a < m; a++) out[o * m + a] = -mu[a] / kappa[a] - (a === o ? 0 : s);
      }
    },
    passiveKernel(_mu, out) {
      out.fill(0);
      for (let o = 0; o < m; o++) out[o * m + o] = 1;
    },
    passiveReward(mu, out) {
      for (let o = 0; o < m; o++) out[o] = holding ? -mu[o] / kappa[o] : 0;
    },
    obsNames: Array.from({ length: m }, (_, i) => `r${i + 1}`),
    actionNames: Array.from({ length: m }, (_, i) => `r${i + 1}`),
  };
}

/**
 * The regularised stationary equilibrium load of the resource game (note §6): μ(m) ∝
 * exp(−c_m(μ(m))/λ_eff) with λ_eff = λ(1 − γ(1 − ρ)) when r0 = −c_o, λ otherwise. Each μ(m) solves
 * x = e^{−x/(κ_m λ_eff)}/Z (bisection in x, in logs); Z is found by bisection on ln Z until Σμ = 1.
 */
export function resourceSelectionRegularizedLoad(
  capacities: readonly number[],
  lambda: number,
  options: { discount?: number; rho?: number; passiveReward?: "holding" | "zero" } = {},
): Float64Array {
  const total = capacities.reduce((x, y) => x + y, 0);
  const kappa = capacities.map((k) => k / total);
  const gamma = options.discount ?? 0.95;
  const rho = options.rho ?? 1;
  const holding = (options.passiveReward ?? "holding") === "holding";
  const lambdaEff = holding ? lambda * (1 - gamma * (1 - rho)) : lambda;
  // x = e^{−x/k}/Z  ⇔  h(x) = ln x + ln Z + x/k = 0, increasing in x ∈ (0, 1]; work in logs so that
  // small λ (huge x/k) cannot overflow.
  const solveOne = (k: number, logZ: number) => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (Math.log(mid) + logZ + mid / k < 0) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const total1 = (logZ: number) => kappa.reduce((sum, k) => sum + solveOne(k * lambdaEff, logZ), 0);
  // Σμ decreases in ln Z; bracket it: at ln Z = −max(1/k) − 10 every x ≥ e^{…} is near 1.
  let loLog = -1 / (Math.min(...kappa) * lambdaEff) - 50;
  let hiLog = 50;
  const loads = new Float64Array(kappa.length);
  for (let i = 0; i < 400; i++) {
    const mid = 0.5 * (loLog + hiLog);
    if (total1(mid) > 1) loLog = mid;
    else hiLog = mid;
  }
  const logZ = 0.5 * (loLog + hiLog);
  for (let j = 0; j < kappa.length; j++) loads[j] = solveOne(kappa[j] * lambdaEff, logZ);
  return loads;
}

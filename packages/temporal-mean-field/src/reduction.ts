/**
 * The activation-coin reduction (docs/temporal-mean-field.md §4): a TMF game at activation rate ρ
 * is a standard finite-horizon MFG on the augmented state õ = (o, ω), ω ∈ {1 active, 0 idle},
 * flattened as s = 2o + ω.
 *
 *   (o, 1), a → reward r(o, a, μ_t),  next (o', ω') w.p. P(o'|o, a, μ_t)·Bern(ρ_{t+1})(ω')
 *   (o, 0), a → reward r0(o, μ_t),    next (o', ω') w.p. P0(o'|o, μ_t)·Bern(ρ_{t+1})(ω')   (a irrelevant)
 *   μ̃_0(o, ω) = μ0(o)·(ω ρ_0 + (1 − ω)(1 − ρ_0)),   μ_t = O-marginal of the augmented flow.
 *
 * Then μ̃_t(o, 1) = ρ_t μ_t(o), the O-marginal follows the TMF recursion exactly, and the MFG value of
 * the augmented game is the `randomActivation` value, so every MFG solver and exploitability routine
 * applies unchanged.
 */
import type { MeanFieldGame, TabularPolicy } from "@mfkit/mean-field";
import type { TemporalMeanFieldGame } from "./model.js";
import { type RateSchedule, rateAt, validateSchedule } from "./recursion.js";
import { validateTmfGameOrThrow } from "./validation.js";

/** The augmented MFG of a TMF game at activation rate ρ (constant or a schedule ρ_0..ρ_T). */
export function withActivation(game: TemporalMeanFieldGame, rho: RateSchedule): MeanFieldGame {
  validateTmfGameOrThrow(game);
  const T = game.horizon;
  validateSchedule(rho, T);
  const nO = game.nObs;
  const nA = game.nActions;
  const nS = 2 * nO;
  const rowPtr = new Int32Array(nS * nA + 1);
  const col = new Int32Array(nS * nA * nS);
  for (let r = 0; r < nS * nA; r++) {
    rowPtr[r + 1] = (r + 1) * nS;
    for (let j = 0; j < nS; j++) col[r * nS + j] = j;
  }
  const mu = new Float64Array(nO);
  const active = new Float64Array(nO * nA * nO);
  const passive = new Float64Array(nO * nO);
  const reward = new Float64Array(nO * nA);
  const reward0 = new Float64Array(nO);
  const marginal = (L: Float64Array) => {
    for (let o = 0; o < nO; o++) {
      let m = 0;
      for (let w = 0; w < 2; w++) for (let a = 0; a < nA; a++) m += L[(2 * o + w) * nA + a];
      mu[o] = m;
    }
  };
  const rho0 = rateAt(rho, 0);
  const mu0 = new Float64Array(nS);
  for (let o = 0; o < nO; o++) {
    mu0[2 * o + 1] = game.mu0[o] * rho0;
    mu0[2 * o] = game.mu0[o] * (1 - rho0);
  }
  const dep = game.dependsOnMeanField;
  return {
    name: `${game.name}+activation`,
    horizon: T,
    nStates: nS,
    nActions: nA,
    stateShape: [nO, 2],
    actionShape: [nA],
    mu0,
    discount: game.discount,
    transitionPattern: { rowPtr, col },
    dependsOnMeanField: {
      reward: dep.activeReward || dep.passiveReward,
      transition: dep.activeKernel || dep.passiveKernel,
    },
    timeHomogeneous: typeof rho === "number",
    reward(_t, L, out) {
      marginal(L);
      game.activeReward(mu, reward);
      game.passiveReward(mu, reward0);
      for (let o = 0; o < nO; o++) {
        for (let a = 0; a < nA; a++) {
          out[(2 * o + 1) * nA + a] = reward[o * nA + a];
          out[2 * o * nA + a] = reward0[o];
        }
      }
    },
    transitionValues(t, L, out) {
      marginal(L);
      game.activeKernel(mu, active);
      game.passiveKernel(mu, passive);
      const next = rateAt(rho, t + 1);
      for (let o = 0; o < nO; o++) {
        for (let a = 0; a < nA; a++) {
          const activeRow = ((2 * o + 1) * nA + a) * nS;
          const idleRow = (2 * o * nA + a) * nS;
          for (let n = 0; n < nO; n++) {
            const p = active[(o * nA + a) * nO + n];
            out[activeRow + 2 * n + 1] = p * next;
            out[activeRow + 2 * n] = p * (1 - next);
            const q = passive[o * nO + n];
            out[idleRow + 2 * n + 1] = q * next;
            out[idleRow + 2 * n] = q * (1 - next);
          }
        }
      }
    },
  };
}

/** Lifts a time-indexed TMF policy to the augmented game (the idle rows copy the active ones). */
export function augmentPolicy(game: TemporalMeanFieldGame, policy: Float64Array): TabularPolicy {
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  const out = new Float64Array((T + 1) * 2 * nO * nA);
  const epochs = policy.length / (nO * nA);
  for (let t = 0; t <= T; t++) {
    const src = Math.min(t, epochs - 1) * nO * nA;
    for (let o = 0; o < nO; o++) {
      for (let a = 0; a < nA; a++) {
        const p = policy[src + o * nA + a];
        out[(t * 2 * nO + 2 * o + 1) * nA + a] = p;
        out[(t * 2 * nO + 2 * o) * nA + a] = p;
      }
    }
  }
  return out;
}

/** The TMF policy of an augmented-game policy: its active rows (o, 1). */
export function activePolicy(game: TemporalMeanFieldGame, augmented: TabularPolicy): Float64Array {
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  const out = new Float64Array((T + 1) * nO * nA);
  for (let t = 0; t <= T; t++) {
    for (let o = 0; o < nO; o++) {
      for (let a = 0; a < nA; a++) out[(t * nO + o) * nA + a] = augmented[(t * 2 * nO + 2 * o + 1) * nA + a];
    }
  }
  return out;
}

/** The O-marginal flow μ_t(o) = Σ_{ω,a} L̃_t((o, ω), a) of an augmented state-action flow. */
export function observationMarginals(game: TemporalMeanFieldGame, L: Float64Array): Float64Array {
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  const out = new Float64Array((T + 1) * nO);
  for (let t = 0; t <= T; t++) {
    for (let o = 0; o < nO; o++) {
      let m = 0;
      for (let w = 0; w < 2; w++) for (let a = 0; a < nA; a++) m += L[(t * 2 * nO + 2 * o + w) * nA + a];
      out[t * nO + o] = m;
    }
  }
  return out;
}

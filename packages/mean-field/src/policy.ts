/**
 * Tabular policies π_t(a|s), flat as `pi[(t·S + s)·A + a]`: construction, validation,
 * MFGLib's pre-processing (clip to ≥ 0, renormalise rows, a zero row becomes uniform) and
 * conversion to nested [t][s][a] arrays.
 */
import { getOrThrow, invalid, MfkitError, type Validation, valid } from "@mfkit/core";
import type { MeanFieldGame, TabularPolicy } from "./model.js";
import { checkPolicyShape } from "./shapes.js";

/** Tolerance on row sums accepted by {@link validatePolicy}. */
export const POLICY_ROW_SUM_TOLERANCE = 1e-9;

/** The uniform policy π_t(a|s) = 1/|A|. */
export function uniformPolicy(game: MeanFieldGame): TabularPolicy {
  return new Float64Array((game.horizon + 1) * game.nStates * game.nActions).fill(1 / game.nActions);
}

/**
 * Writes MFGLib's pre-processed policy into `out` (may alias `pi`): entries clipped to ≥ 0, each
 * (t, s) row divided by its sum, a row summing to 0 replaced by the uniform row.
 * Throws `non-finite` (naming [policy, t, s, a]) on NaN or ±∞ entries.
 */
export function normalizePolicyInto(game: MeanFieldGame, pi: TabularPolicy, out: TabularPolicy): void {
  const A = game.nActions;
  const rows = (game.horizon + 1) * game.nStates;
  for (let row = 0; row < rows; row++) {
    const base = row * A;
    let sum = 0;
    for (let a = 0; a < A; a++) {
      const p = pi[base + a]!;
      if (!Number.isFinite(p)) {
        const t = Math.floor(row / game.nStates);
        throw new MfkitError("non-finite", `policy entry is ${p}`, ["policy", t, row % game.nStates, a]);
      }
      sum += Math.max(p, 0);
    }
    if (sum > 0) {
      for (let a = 0; a < A; a++) {
        const p = pi[base + a]!;
        out[base + a] = p > 0 ? p / sum : 0;
      }
    } else {
      for (let a = 0; a < A; a++) out[base + a] = 1 / A;
    }
  }
}

/** A new policy: π clipped to ≥ 0 with rows renormalised (zero rows → uniform), as MFGLib does. */
export function normalizePolicy(game: MeanFieldGame, pi: TabularPolicy): TabularPolicy {
  checkPolicyShape(game, pi);
  const out = new Float64Array(pi.length);
  normalizePolicyInto(game, pi, out);
  return out;
}

/**
 * Checks that π is a policy of `game`: a Float64Array of length (T+1)·S·A with finite entries ≥ 0
 * and rows summing to 1 within {@link POLICY_ROW_SUM_TOLERANCE}. Errors name [policy, t, s(, a)].
 */
export function validatePolicy(game: MeanFieldGame, pi: unknown): Validation<TabularPolicy> {
  if (!(pi instanceof Float64Array)) {
    return invalid([new MfkitError("invalid-shape", "policy must be a Float64Array", ["policy"])]);
  }
  try {
    checkPolicyShape(game, pi);
  } catch (error) {
    if (error instanceof MfkitError) return invalid([error]);
    throw error;
  }
  const errors: MfkitError[] = [];
  const S = game.nStates;
  const A = game.nActions;
  for (let t = 0; t <= game.horizon && errors.length < 20; t++) {
    for (let s = 0; s < S && errors.length < 20; s++) {
      const base = (t * S + s) * A;
      let sum = 0;
      let bad = false;
      for (let a = 0; a < A; a++) {
        const p = pi[base + a]!;
        if (!Number.isFinite(p) || p < 0) {
          errors.push(
            new MfkitError(
              Number.isFinite(p) ? "invalid-probability" : "non-finite",
              `π_${t}(${a}|${s}) = ${p} is not a probability`,
              ["policy", t, s, a],
            ),
          );
          bad = true;
          break;
        }
        sum += p;
      }
      if (!bad && Math.abs(sum - 1) > POLICY_ROW_SUM_TOLERANCE) {
        errors.push(
          new MfkitError("invalid-probability", `π_${t}(·|${s}) sums to ${sum}, not 1`, ["policy", t, s], {
            sum,
          }),
        );
      }
    }
  }
  return errors.length > 0 ? invalid(errors) : valid(pi);
}

/** {@link validatePolicy}, throwing the first error. */
export function validatePolicyOrThrow(game: MeanFieldGame, pi: unknown): TabularPolicy {
  return getOrThrow(validatePolicy(game, pi));
}

/** The policy as nested arrays `[t][s][a]`. */
export function policyToNested(game: MeanFieldGame, pi: TabularPolicy): number[][][] {
  checkPolicyShape(game, pi);
  const S = game.nStates;
  const A = game.nActions;
  const out: number[][][] = [];
  for (let t = 0; t <= game.horizon; t++) {
    const rows: number[][] = [];
    for (let s = 0; s < S; s++) {
      const base = (t * S + s) * A;
      rows.push(Array.from(pi.subarray(base, base + A)));
    }
    out.push(rows);
  }
  return out;
}

/** A flat policy from nested arrays `[t][s][a]` (shape-checked, errors name [policy, t, s]). */
export function policyFromNested(game: MeanFieldGame, nested: unknown): TabularPolicy {
  const S = game.nStates;
  const A = game.nActions;
  const T = game.horizon;
  if (!Array.isArray(nested) || nested.length !== T + 1) {
    throw new MfkitError("invalid-shape", `policy must be an array of T+1 = ${T + 1} epochs`, ["policy"]);
  }
  const out = new Float64Array((T + 1) * S * A);
  for (let t = 0; t <= T; t++) {
    const rows = nested[t];
    if (!Array.isArray(rows) || rows.length !== S) {
      throw new MfkitError("invalid-shape", `policy[${t}] must be an array of ${S} states`, ["policy", t]);
    }
    for (let s = 0; s < S; s++) {
      const row = rows[s];
      if (!Array.isArray(row) || row.length !== A) {
        throw new MfkitError("invalid-shape", `policy[${t}][${s}] must be an array of ${A} probabilities`, [
          "policy",
          t,
          s,
        ]);
      }
      for (let a = 0; a < A; a++) {
        const p = row[a];
        if (typeof p !== "number") {
          throw new MfkitError("invalid-probability", "must be a number", ["policy", t, s, a]);
        }
        out[(t * S + s) * A + a] = p;
      }
    }
  }
  return out;
}

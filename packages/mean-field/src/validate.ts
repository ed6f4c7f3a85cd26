/**
 * Validation of a {@link MeanFieldGame}: the structure (shapes, μ0 ∈ Δ(S), discount, CSR pattern
 * bounds) and, by evaluation at two mean fields — the uniform L_t = 1/(S·A) and the flow of the
 * uniform policy from μ0 — that every reward is finite and every transition row P_t(·|s,a,L_t) is a
 * probability vector (entries ≥ 0, sum 1 within 1e-9). Errors are typed and name the place:
 * `["game", "transitions", t, s, a]`, `["game", "reward", t, s, a]`, `["game", "mu0", s]`, ….
 */
import { getOrThrow, invalid, MfkitError, type Validation, valid } from "@mfkit/core";
import { FlowEvaluation, GameTables } from "./evaluation.js";
import type { MeanFieldGame } from "./model.js";
import { uniformPolicy } from "./policy.js";

/** Tolerance on Σμ0 = 1 and on transition row sums. */
export const PROBABILITY_TOLERANCE = 1e-9;
const MAX_ERRORS = 20;

const isCount = (n: unknown, min: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min;

function structure(game: MeanFieldGame, errors: MfkitError[]): void {
  const err = (code: MfkitError["code"], message: string, ...path: (string | number)[]) =>
    errors.push(new MfkitError(code, message, ["game", ...path]));
  if (game === null || typeof game !== "object") {
    err("invalid-argument", "a game must be an object");
    return;
  }
  if (!isCount(game.horizon, 0)) err("invalid-argument", "must be an integer ≥ 0", "horizon");
  if (!isCount(game.nStates, 1)) err("invalid-argument", "must be an integer ≥ 1", "nStates");
  if (!isCount(game.nActions, 1)) err("invalid-argument", "must be an integer ≥ 1", "nActions");
  if (errors.length > 0) return;
  const product = (xs: readonly number[]) => xs.reduce((p, x) => p * x, 1);
  if (!Array.isArray(game.stateShape) || product(game.stateShape) !== game.nStates) {
    err("invalid-shape", `the product of stateShape must equal nStates = ${game.nStates}`, "stateShape");
  }
  if (!Array.isArray(game.actionShape) || product(game.actionShape) !== game.nActions) {
    err("invalid-shape", `the product of actionShape must equal nActions = ${game.nActions}`, "actionShape");
  }
  if (typeof game.discount !== "number" || !(game.discount > 0 && game.discount <= 1)) {
    err("invalid-argument", `discount must lie in (0, 1], got ${String(game.discount)}`, "discount");
  }
  if (typeof game.reward !== "function") err("invalid-argument", "must be a function", "reward");
  if (typeof game.transitionValues !== "function") {
    err("invalid-argument", "must be a function", "transitionValues");
  }
  const dep = game.dependsOnMeanField;
  if (dep === null || typeof dep !== "object" || typeof dep.reward !== "boolean") {
    err("invalid-argument", "must be { reward: boolean, transition: boolean }", "dependsOnMeanField");
  } else if (typeof dep.transition !== "boolean") {
    err("invalid-argument", "must be { reward: boolean, transition: boolean }", "dependsOnMeanField");
  }
  if (typeof game.timeHomogeneous !== "boolean") {
    err("invalid-argument", "must be a boolean", "timeHomogeneous");
  }
  const S = game.nStates;
  const mu0 = game.mu0;
  if (!(mu0 instanceof Float64Array) || mu0.length !== S) {
    err("invalid-shape", `mu0 must be a Float64Array of length ${S}`, "mu0");
  } else {
    let sum = 0;
    let ok = true;
    for (let s = 0; s < S; s++) {
      const m = mu0[s]!;
      if (!Number.isFinite(m) || m < 0) {
        err(Number.isFinite(m) ? "invalid-probability" : "non-finite", `μ0(${s}) = ${m}`, "mu0", s);
        ok = false;
      } else sum += m;
    }
    if (ok && Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
      err("invalid-probability", `μ0 sums to ${sum}, not 1`, "mu0");
    }
  }
  const pattern = game.transitionPattern;
  const rows = S * game.nActions;
  if (pattern === null || typeof pattern !== "object") {
    err("missing-field", "transitionPattern is required", "transitionPattern");
    return;
  }
  const { rowPtr, col } = pattern;
  if (!(rowPtr instanceof Int32Array) || rowPtr.length !== rows + 1) {
    err(
      "invalid-shape",
      `rowPtr must be an Int32Array of length S·A + 1 = ${rows + 1}`,
      "transitionPattern",
      "rowPtr",
    );
    return;
  }
  if (rowPtr[0] !== 0) err("invalid-shape", "rowPtr[0] must be 0", "transitionPattern", "rowPtr", 0);
  for (let r = 0; r < rows; r++) {
    if (rowPtr[r + 1]! < rowPtr[r]!) {
      err("invalid-shape", "rowPtr must be non-decreasing", "transitionPattern", "rowPtr", r + 1);
      return;
    }
  }
  if (!(col instanceof Int32Array) || col.length !== rowPtr[rows]) {
    err(
      "invalid-shape",
      `col must be an Int32Array of length rowPtr[S·A] = ${rowPtr[rows]}`,
      "transitionPattern",
      "col",
    );
    return;
  }
  for (let k = 0; k < col.length && errors.length < MAX_ERRORS; k++) {
    const c = col[k]!;
    if (c < 0 || c >= S)
      err("invalid-shape", `next state ${c} is outside 0..${S - 1}`, "transitionPattern", "col", k);
  }
}

function callUser(what: string, t: number, run: () => void): MfkitError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof MfkitError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new MfkitError("invalid-argument", `${what} threw: ${message}`, ["game", what, t]);
  }
}

function checkAlong(ev: FlowEvaluation, where: string, errors: MfkitError[]): void {
  const { horizon: T, nStates: S, nActions: A, rowPtr, col } = ev.tables;
  for (let t = 0; t <= T && errors.length < MAX_ERRORS; t++) {
    const R = ev.rewardAt[t]!;
    for (let r = 0; r < S * A && errors.length < MAX_ERRORS; r++) {
      if (!Number.isFinite(R[r]!)) {
        const s = Math.floor(r / A);
        const a = r % A;
        errors.push(
          new MfkitError("non-finite", `r_${t}(${s}, ${a}) = ${R[r]} at ${where}`, [
            "game",
            "reward",
            t,
            s,
            a,
          ]),
        );
      }
    }
  }
  for (let t = 0; t < T && errors.length < MAX_ERRORS; t++) {
    const P = ev.transAt[t]!;
    for (let r = 0; r < S * A && errors.length < MAX_ERRORS; r++) {
      const s = Math.floor(r / A);
      const a = r % A;
      let sum = 0;
      let ok = true;
      for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
        const p = P[k]!;
        if (!Number.isFinite(p) || p < 0) {
          errors.push(
            new MfkitError(
              Number.isFinite(p) ? "invalid-probability" : "non-finite",
              `P_${t}(${col[k]} | ${s}, ${a}) = ${p} at ${where}`,
              ["game", "transitions", t, s, a, col[k]!],
            ),
          );
          ok = false;
          break;
        }
        sum += p;
      }
      if (ok && Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
        errors.push(
          new MfkitError(
            "invalid-probability",
            `P_${t}(· | ${s}, ${a}) sums to ${sum}, not 1, at ${where}`,
            ["game", "transitions", t, s, a],
            { sum },
          ),
        );
      }
    }
  }
}

/**
 * Validates a game: structure first, then rewards and transitions evaluated at the uniform mean
 * field and along the uniform-policy flow from μ0. Returns every problem found (up to 20).
 */
export function validateMeanFieldGame(game: MeanFieldGame): Validation<MeanFieldGame> {
  const errors: MfkitError[] = [];
  structure(game, errors);
  if (errors.length > 0) return invalid(errors);
  let tables: GameTables | undefined;
  const failure = callUser("evaluation", 0, () => {
    tables = new GameTables(game);
  });
  if (failure) return invalid([failure]);
  const ev = new FlowEvaluation(tables!);
  const n = game.nStates * game.nActions;
  const uniformL = new Float64Array((game.horizon + 1) * n).fill(1 / n);
  const atUniform = callUser("evaluation", 0, () => ev.setFlow(uniformL));
  if (atUniform) return invalid([atUniform]);
  checkAlong(ev, "the uniform mean field", errors);
  if (errors.length > 0) return invalid(errors);
  const alongFlow = callUser("evaluation", 0, () => ev.computeFlow(uniformPolicy(game)));
  if (alongFlow) return invalid([alongFlow]);
  checkAlong(ev, "the uniform-policy flow from μ0", errors);
  return errors.length > 0 ? invalid(errors) : valid(game);
}

/** {@link validateMeanFieldGame}, throwing the first error (the others in `details.errors`). */
export function validateMeanFieldGameOrThrow(game: MeanFieldGame): MeanFieldGame {
  return getOrThrow(validateMeanFieldGame(game));
}

/**
 * The forward flow L = Γ(π) (docs/mean-field-games.md §2):
 *
 *     L_0(s,a) = μ0(s) π_0(a|s)
 *     μ_{t+1}(s') = Σ_{s,a} L_t(s,a) P_t(s'|s,a,L_t),   L_{t+1}(s',a') = μ_{t+1}(s') π_{t+1}(a'|s')
 *
 * L_t is complete before P_t is evaluated. Cost O(T·nnz + T·S·A).
 */
import { stateMarginal } from "./environments/common.js";
import { FlowEvaluation, GameTables } from "./evaluation.js";
import type { MeanFieldGame, TabularPolicy } from "./model.js";
import { checkPolicyShape, checkTable } from "./shapes.js";

/**
 * Computes the state-action flow of the population that plays π, flat ((T+1)·S·A) with index
 * (t·S + s)·A + a. Writes into `out` when given (it must have that length) and returns it.
 */
export function forwardFlow(game: MeanFieldGame, pi: TabularPolicy, out?: Float64Array): Float64Array {
  checkPolicyShape(game, pi);
  const ev = new FlowEvaluation(new GameTables(game));
  ev.computeFlow(pi, false);
  if (out === undefined) return ev.L;
  checkTable(game, out, "out");
  out.set(ev.L);
  return out;
}

/** The state marginals μ_t(s) = Σ_a L_t(s,a) of a flow, flat ((T+1)·S). */
export function stateMarginals(game: MeanFieldGame, L: Float64Array): Float64Array {
  // The (t, s) rows of the flat flow are consecutive, so one pass over (T+1)·S "states" does it.
  const rows = (game.horizon + 1) * game.nStates;
  const mu = new Float64Array(rows);
  stateMarginal(L, rows, game.nActions, mu);
  return mu;
}

/**
 * Munchausen online mirror descent (docs/mean-field-games.md §5.3):
 *
 *     π_{k+1}(·|t,s) ∝ π_k(·|t,s) · exp(α Q^{π_k}_{L_k}(t,s,·))
 *
 * kept in log space: ζ_0 = log π_0, ζ_{k+1} = ζ_k + α Q^{π_k}, then shifted by its row log-sum-exp
 * (so ζ = log π_{k+1} stays bounded). Equals OMD in exact arithmetic when π_0 is uniform; zeros of
 * π_0 stay zeros.
 */
import { logInto, normalizeLogitsSoftmax } from "./logits.js";
import type { SolverFactory } from "./types.js";

export const createMunchausen: SolverFactory = (ctx, p, pi0) => {
  const zeta = new Float64Array(ctx.size);
  logInto(pi0, zeta);
  return {
    step(_k, ev, next) {
      const Q = ev.policy().Q;
      for (let i = 0; i < zeta.length; i++) zeta[i] += p.alpha * Q[i]!;
      normalizeLogitsSoftmax(zeta, ctx.rows, ctx.nActions, next);
    },
  };
};

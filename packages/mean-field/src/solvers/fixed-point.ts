/**
 * Fixed-point iteration (docs/mean-field-games.md §5.2): π_{k+1} = greedy(Q*_{L_k}) under the tie rule.
 * Converges only when the best-response map contracts.
 */
import { greedyInto } from "../greedy.js";
import type { SolverFactory } from "./types.js";

export const createFixedPoint: SolverFactory = (ctx, p) => ({
  step(_k, ev, next) {
    greedyInto(ev.optimal().Q, ctx.rows, ctx.nActions, p.ties, next);
  },
});

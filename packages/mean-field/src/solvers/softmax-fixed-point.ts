/**
 * Softmax fixed-point iteration (OpenSpiel `FixedPoint(temperature)`, docs/mean-field-games.md §5.2):
 * π_{k+1} = softmax(Q*_{L_k} / temperature), stabilised by the row maximum.
 */
import { softmaxInto } from "../greedy.js";
import type { SolverFactory } from "./types.js";

export const createSoftmaxFixedPoint: SolverFactory = (ctx, p) => ({
  step(_k, ev, next) {
    softmaxInto(ev.optimal().Q, ctx.rows, ctx.nActions, 1 / p.temperature, next);
  },
});

/**
 * Online mirror descent (MFGLib `OnlineMirrorDescent(alpha)`, Pérolat et al. 2021;
 * docs/mean-field-games.md §5.3):
 *
 *     y_0 = 0,   y_{k+1} = y_k + α Q^{π_k}_{L_k},   π_{k+1} = softmax(y_{k+1})
 *
 * It accumulates the Q of the current policy; π_0 enters only through the first evaluation.
 */
import { softmaxInto } from "../greedy.js";
import type { SolverFactory } from "./types.js";

export const createOnlineMirrorDescent: SolverFactory = (ctx, p) => {
  const y = new Float64Array(ctx.size);
  return {
    step(_k, ev, next) {
      const Q = ev.policy().Q;
      for (let i = 0; i < y.length; i++) y[i] += p.alpha * Q[i]!;
      softmaxInto(y, ctx.rows, ctx.nActions, 1, next);
    },
  };
};

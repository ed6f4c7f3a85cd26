/**
 * Prior descent / Boltzmann iteration (MFGLib `PriorDescent(eta, n_inner)`, Cui & Koeppl 2021;
 * docs/mean-field-games.md §5.4):
 *
 *     π_{k+1} ∝ q_k · exp(Q*_{L_k} / η),   q_0 = π_0,   q ← π_{k+1} whenever (k+2) mod n_inner = 0
 *
 * computed in log space (log q + Q* / η, stabilised). With n_inner = null and a uniform prior it is
 * the softmax fixed point with temperature η. A fixed prior solves a prior-regularised game, so its
 * exploitability plateaus above 0.
 */
import { softmaxInto } from "../greedy.js";
import { logInto } from "./logits.js";
import type { SolverFactory } from "./types.js";

export const createPriorDescent: SolverFactory = (ctx, p, pi0) => {
  const logPrior = new Float64Array(ctx.size);
  logInto(pi0, logPrior);
  const scratch = new Float64Array(ctx.size);
  const inv = 1 / p.eta;
  return {
    step(k, ev, next) {
      const Q = ev.optimal().Q;
      for (let i = 0; i < scratch.length; i++) scratch[i] = logPrior[i]! + inv * Q[i]!;
      softmaxInto(scratch, ctx.rows, ctx.nActions, 1, next);
      if (p.nInner !== null && (k + 2) % p.nInner === 0) logInto(next, logPrior);
    },
  };
};

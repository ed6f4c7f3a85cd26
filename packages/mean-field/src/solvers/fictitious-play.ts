/**
 * Damped fictitious play (MFGLib `FictitiousPlay(alpha)`, docs/mean-field-games.md §5.1):
 *
 *     BR_k = greedy(Q*_{L_k}),  μ^BR = marginals of Γ(BR_k),  β_k = alpha > 0 ? alpha : 1/(k+2)
 *     π_{k+1}(a|t,s) = [(1−β_k) μ_k(t,s) π_k(a|t,s) + β_k μ^BR(t,s) BR_k(a|t,s)] / [(1−β_k) μ_k(t,s) + β_k μ^BR(t,s)]
 *
 * with 0/0 → uniform. The mixture is weighted by state visits, so that for L-independent
 * transitions Γ(π_{k+1}) = (1−β_k) L_k + β_k L^BR: FP averages flows.
 */
import { FlowEvaluation } from "../evaluation.js";
import { greedyInto } from "../greedy.js";
import type { SolverFactory } from "./types.js";

export const createFictitiousPlay: SolverFactory = (ctx, p) => {
  const { rows, nActions: A, size } = ctx;
  const br = new Float64Array(size);
  const brFlow = new FlowEvaluation(ctx.tables);
  return {
    step(k, ev, next) {
      const pi = ev.policyTable;
      greedyInto(ev.optimal().Q, rows, A, p.ties, br);
      brFlow.computeFlow(br, false);
      const beta = p.alpha > 0 ? p.alpha : 1 / (k + 2);
      const L = ev.flow.L;
      const Lbr = brFlow.L;
      for (let row = 0; row < rows; row++) {
        const base = row * A;
        let mu = 0;
        let muBr = 0;
        for (let a = 0; a < A; a++) {
          mu += L[base + a]!;
          muBr += Lbr[base + a]!;
        }
        const wOld = (1 - beta) * mu;
        const wBr = beta * muBr;
        const den = wOld + wBr;
        if (den === 0) {
          for (let a = 0; a < A; a++) next[base + a] = 1 / A;
        } else {
          for (let a = 0; a < A; a++) next[base + a] = (wOld * pi[base + a]! + wBr * br[base + a]!) / den;
        }
      }
    },
  };
};

/**
 * Entropy-regularised policy mirror descent (PMD, the update of Yardim et al.;
 * docs/mean-field-games.md §5.5), with Q^τ_k the τ-regularised Q of π_k against L_k:
 *
 *     proximal (default):  ζ_{k+1} = (ζ_k + η Q^τ_k) / (1 + ητ)      ⇔ π_{k+1} ∝ (π_k e^{η Q^τ_k})^{1/(1+ητ)}
 *     linearised:          ζ_{k+1} = (1 − ητ) ζ_k + η Q^τ_k          (needs 0 < ητ ≤ 1)
 *     π_{k+1} = softmax(ζ_{k+1}),   ζ_0 = log π_0
 *
 * ζ is shifted by its row log-sum-exp after each step (softmax invariance keeps it bounded).
 * Fixed points are τ-regularised equilibria; with τ = 0 both forms are OMD with prior π_0.
 */
import { logInto, normalizeLogitsSoftmax } from "./logits.js";
import type { SolverFactory } from "./types.js";

export const createPolicyMirrorDescent: SolverFactory = (ctx, p, pi0) => {
  const zeta = new Float64Array(ctx.size);
  logInto(pi0, zeta);
  const { eta, tau } = p;
  const proximal = p.pmdForm === "proximal";
  const keep = proximal ? 1 / (1 + eta * tau) : 1 - eta * tau;
  const gain = proximal ? eta / (1 + eta * tau) : eta;
  return {
    step(_k, ev, next) {
      const Q = tau > 0 ? ev.regularizedPolicy(tau).Q : ev.policy().Q;
      for (let i = 0; i < zeta.length; i++) {
        const z = zeta[i]!;
        // −∞ (a zero of π_0) stays −∞; avoid 0·(−∞) = NaN when the linearised form has ητ = 1.
        zeta[i] = z === -Infinity ? z : keep * z + gain * Q[i]!;
      }
      normalizeLogitsSoftmax(zeta, ctx.rows, ctx.nActions, next);
    },
  };
};

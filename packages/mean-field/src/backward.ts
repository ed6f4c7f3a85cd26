/**
 * Backward induction against a fixed flow L (docs/mean-field-games.md §3).
 *
 *     Q_T = r_T(·,·,L_T),   Q_t(s,a) = r_t(s,a,L_t) + γ Σ_{s'} P_t(s'|s,a,L_t) V_{t+1}(s')
 *
 * with one of four value maps V_t(s) = 𝒱(Q_t(s,·)):
 * - `optimal`             V*_t(s) = max_a Q_t(s,a)
 * - `policy`              V^π_t(s) = Σ_a π_t(a|s) Q_t(s,a)
 * - `soft-optimal`        V^{τ*}_t(s) = τ log Σ_a exp(Q_t(s,a)/τ)          (log-sum-exp, stabilised)
 * - `regularized-policy`  V^τ_t(s) = Σ_a π_t(a|s)[Q_t(s,a) − τ log π_t(a|s)]  (0·log 0 = 0)
 *
 * Transitions are sparse: one pass costs O(T·nnz + T·S·A).
 */
import { FlowEvaluation, GameTables } from "./evaluation.js";
import type { MeanFieldGame, TabularPolicy } from "./model.js";
import { checkFlowShape, checkPolicyShape, checkTemperature } from "./shapes.js";

/** Which value map closes the recursion. */
export type ValueKind = "optimal" | "policy" | "soft-optimal" | "regularized-policy";

/** State-action values Q (flat ((T+1)·S·A), index (t·S + s)·A + a) and state values V (flat ((T+1)·S)). */
export interface ValueTables {
  readonly Q: Float64Array;
  readonly V: Float64Array;
}

/**
 * The backward recursion on an evaluated flow, writing Q and V into caller buffers.
 * `pi` is read for the policy kinds, `tau` for the regularised kinds.
 */
export function backwardInto(
  ev: FlowEvaluation,
  kind: ValueKind,
  pi: TabularPolicy | undefined,
  tau: number,
  Q: Float64Array,
  V: Float64Array,
): void {
  const { horizon: T, nStates: S, nActions: A, rowPtr, col } = ev.tables;
  const gamma = ev.tables.game.discount;
  const SA = S * A;
  for (let t = T; t >= 0; t--) {
    const R = ev.rewardAt[t]!;
    const qOff = t * SA;
    if (t === T) {
      for (let r = 0; r < SA; r++) Q[qOff + r] = R[r]!;
    } else {
      const P = ev.transAt[t]!;
      const vNext = (t + 1) * S;
      for (let r = 0; r < SA; r++) {
        let acc = 0;
        const end = rowPtr[r + 1]!;
        for (let k = rowPtr[r]!; k < end; k++) acc += P[k]! * V[vNext + col[k]!]!;
        Q[qOff + r] = R[r]! + gamma * acc;
      }
    }
    const vOff = t * S;
    switch (kind) {
      case "optimal":
        for (let s = 0; s < S; s++) {
          const base = qOff + s * A;
          let m = Q[base]!;
          for (let a = 1; a < A; a++) {
            const q = Q[base + a]!;
            if (q > m) m = q;
          }
          V[vOff + s] = m;
        }
        break;
      case "policy":
        for (let s = 0; s < S; s++) {
          const base = qOff + s * A;
          let v = 0;
          for (let a = 0; a < A; a++) v += pi![base + a]! * Q[base + a]!;
          V[vOff + s] = v;
        }
        break;
      case "soft-optimal":
        for (let s = 0; s < S; s++) V[vOff + s] = softMaximum(Q, qOff + s * A, A, tau);
        break;
      case "regularized-policy":
        for (let s = 0; s < S; s++) {
          const base = qOff + s * A;
          let v = 0;
          for (let a = 0; a < A; a++) {
            const p = pi![base + a]!;
            if (p > 0) v += p * (Q[base + a]! - tau * Math.log(p));
          }
          V[vOff + s] = v;
        }
        break;
    }
  }
}

/** τ·log Σ_a exp(x_a/τ) over x[offset .. offset+n), computed as m + τ·log Σ exp((x−m)/τ). */
export function softMaximum(x: Float64Array, offset: number, n: number, tau: number): number {
  let m = x[offset]!;
  for (let a = 1; a < n; a++) if (x[offset + a]! > m) m = x[offset + a]!;
  let sum = 0;
  for (let a = 0; a < n; a++) sum += Math.exp((x[offset + a]! - m) / tau);
  return m + tau * Math.log(sum);
}

function evaluateAlong(game: MeanFieldGame, L: Float64Array): FlowEvaluation {
  checkFlowShape(game, L);
  const ev = new FlowEvaluation(new GameTables(game));
  ev.setFlow(L);
  return ev;
}

function run(ev: FlowEvaluation, kind: ValueKind, pi: TabularPolicy | undefined, tau: number): ValueTables {
  const { horizon: T, nStates: S, nRows } = ev.tables;
  const Q = new Float64Array((T + 1) * nRows);
  const V = new Float64Array((T + 1) * S);
  backwardInto(ev, kind, pi, tau, Q, V);
  return { Q, V };
}

/** Optimal values Q*, V* of the single-agent problem against the fixed flow L (§3). */
export function bestResponseValues(game: MeanFieldGame, L: Float64Array): ValueTables {
  return run(evaluateAlong(game, L), "optimal", undefined, 0);
}

/** Values Q^π, V^π of policy π against the fixed flow L (§3). π is used as given (not renormalised). */
export function policyValues(game: MeanFieldGame, pi: TabularPolicy, L: Float64Array): ValueTables {
  checkPolicyShape(game, pi);
  return run(evaluateAlong(game, L), "policy", pi, 0);
}

/**
 * Soft-optimal values with temperature τ > 0 against the fixed flow L:
 * V^{τ*}_t(s) = τ log Σ_a exp(Q^{τ*}_t(s,a)/τ); the soft best response is softmax(Q^{τ*}/τ).
 */
export function softBestResponseValues(game: MeanFieldGame, L: Float64Array, tau: number): ValueTables {
  checkTemperature(tau, ["tau"]);
  return run(evaluateAlong(game, L), "soft-optimal", undefined, tau);
}

/**
 * Entropy-regularised values of π with temperature τ ≥ 0 against the fixed flow L:
 * V^τ_t(s) = Σ_a π_t(a|s)[Q^τ_t(s,a) − τ log π_t(a|s)].
 */
export function regularizedPolicyValues(
  game: MeanFieldGame,
  pi: TabularPolicy,
  L: Float64Array,
  tau: number,
): ValueTables {
  checkPolicyShape(game, pi);
  checkTemperature(tau, ["tau"], true);
  return run(evaluateAlong(game, L), "regularized-policy", pi, tau);
}

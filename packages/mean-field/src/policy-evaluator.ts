/**
 * Internal: everything about one policy π against its own flow L = Γ(π), computed lazily and
 * memoised — the flow, Q*, V*, Q^π/V^π, their τ-regularised versions and the exploitabilities
 * (docs/mean-field-games.md §2–4). The solver driver evaluates π_{k+1} once for its exploitability
 * and the next solver step reuses the same Q tables. Buffers are allocated once per evaluator.
 */
import { backwardInto, type ValueTables } from "./backward.js";
import { FlowEvaluation, type GameTables } from "./evaluation.js";
import type { TabularPolicy } from "./model.js";

class Slot implements ValueTables {
  readonly Q: Float64Array;
  readonly V: Float64Array;
  valid = false;
  tau = Number.NaN;
  constructor(tables: GameTables) {
    this.Q = new Float64Array((tables.horizon + 1) * tables.nRows);
    this.V = new Float64Array((tables.horizon + 1) * tables.nStates);
  }
}

/** Lazily evaluated values of one policy against its own mean-field flow. */
export class PolicyEvaluator {
  readonly tables: GameTables;
  readonly flow: FlowEvaluation;
  private pi: TabularPolicy | undefined;
  private readonly optimalSlot: Slot;
  private readonly policySlot: Slot;
  private softSlot: Slot | undefined;
  private regularizedSlot: Slot | undefined;

  constructor(tables: GameTables) {
    this.tables = tables;
    this.flow = new FlowEvaluation(tables);
    this.optimalSlot = new Slot(tables);
    this.policySlot = new Slot(tables);
  }

  /**
   * Sets the evaluated policy and computes its flow. The evaluator keeps a reference to `pi`:
   * the caller must not modify it while the evaluator is in use.
   */
  setPolicy(pi: TabularPolicy): void {
    this.pi = pi;
    this.flow.computeFlow(pi);
    this.optimalSlot.valid = false;
    this.policySlot.valid = false;
    if (this.softSlot) this.softSlot.valid = false;
    if (this.regularizedSlot) this.regularizedSlot.valid = false;
  }

  /** The evaluated policy. */
  get policyTable(): TabularPolicy {
    return this.pi!;
  }

  /** Q*, V* against the flow. */
  optimal(): ValueTables {
    const slot = this.optimalSlot;
    if (!slot.valid) {
      backwardInto(this.flow, "optimal", undefined, 0, slot.Q, slot.V);
      slot.valid = true;
    }
    return slot;
  }

  /** Q^π, V^π against the flow. */
  policy(): ValueTables {
    const slot = this.policySlot;
    if (!slot.valid) {
      backwardInto(this.flow, "policy", this.pi, 0, slot.Q, slot.V);
      slot.valid = true;
    }
    return slot;
  }

  /** Q^{τ*}, V^{τ*} (soft-optimal) against the flow. */
  softOptimal(tau: number): ValueTables {
    this.softSlot ??= new Slot(this.tables);
    const slot = this.softSlot;
    if (!slot.valid || slot.tau !== tau) {
      backwardInto(this.flow, "soft-optimal", undefined, tau, slot.Q, slot.V);
      slot.valid = true;
      slot.tau = tau;
    }
    return slot;
  }

  /** Q^τ, V^τ (entropy-regularised values of π) against the flow. */
  regularizedPolicy(tau: number): ValueTables {
    this.regularizedSlot ??= new Slot(this.tables);
    const slot = this.regularizedSlot;
    if (!slot.valid || slot.tau !== tau) {
      backwardInto(this.flow, "regularized-policy", this.pi, tau, slot.Q, slot.V);
      slot.valid = true;
      slot.tau = tau;
    }
    return slot;
  }

  /** Σ_s μ0(s)[V*_0(s) − V^π_0(s)]. */
  exploitability(): number {
    return this.gap(this.optimal().V, this.policy().V);
  }

  /** Σ_s μ0(s)[V^{τ*}_0(s) − V^τ_0(s)]. */
  regularizedExploitability(tau: number): number {
    return this.gap(this.softOptimal(tau).V, this.regularizedPolicy(tau).V);
  }

  /** Σ_s μ0(s) best_0(s) − Σ_s μ0(s) own_0(s), summed separately in MFGLib's order. */
  private gap(best: Float64Array, own: Float64Array): number {
    const mu0 = this.tables.game.mu0;
    let first = 0;
    let second = 0;
    for (let s = 0; s < this.tables.nStates; s++) {
      first += mu0[s]! * best[s]!;
      second += mu0[s]! * own[s]!;
    }
    return first - second;
  }
}

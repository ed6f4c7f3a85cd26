/**
 * Internal workspaces for evaluating a game along a flow: the forward flow L = Γ(π) together with
 * r_t(·,·,L_t) and P_t(·|·,·,L_t) at every epoch, so that several backward inductions (Q*, Q^π, their
 * entropy-regularised versions) reuse one evaluation of the environment.
 *
 * Parts of the game that do not depend on the mean field are evaluated once per {@link GameTables}
 * (once in total when the game is also time-homogeneous); only mean-field-dependent parts are
 * re-evaluated for each flow. All buffers are allocated at construction, never per call.
 */
import type { MeanFieldGame, TabularPolicy } from "./model.js";

/** Mean-field-independent reward and transition tables of one game, evaluated once and shared. */
export class GameTables {
  readonly game: MeanFieldGame;
  readonly nStates: number;
  readonly nActions: number;
  readonly nRows: number;
  readonly horizon: number;
  readonly nnz: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  /** Per-epoch constant reward views (t = 0..T), or undefined when the reward depends on L. */
  readonly constantRewardAt: Float64Array[] | undefined;
  /** Per-epoch constant transition views (t = 0..T−1), or undefined when P depends on L. */
  readonly constantTransAt: Float64Array[] | undefined;

  constructor(game: MeanFieldGame) {
    this.game = game;
    this.nStates = game.nStates;
    this.nActions = game.nActions;
    this.nRows = game.nStates * game.nActions;
    this.horizon = game.horizon;
    this.rowPtr = game.transitionPattern.rowPtr;
    this.col = game.transitionPattern.col;
    this.nnz = this.rowPtr[this.nRows]!;
    const T = this.horizon;
    const uniformL = new Float64Array(this.nRows).fill(1 / this.nRows);
    if (!game.dependsOnMeanField.reward) {
      this.constantRewardAt = perEpoch(T + 1, this.nRows, game.timeHomogeneous, (t, out) =>
        game.reward(t, uniformL, out),
      );
    }
    if (!game.dependsOnMeanField.transition) {
      this.constantTransAt = perEpoch(T, this.nnz, game.timeHomogeneous, (t, out) =>
        game.transitionValues(t, uniformL, out),
      );
    }
  }
}

function perEpoch(
  count: number,
  size: number,
  homogeneous: boolean,
  fill: (t: number, out: Float64Array) => void,
): Float64Array[] {
  const views: Float64Array[] = [];
  if (count === 0) return views;
  if (homogeneous) {
    const one = new Float64Array(size);
    fill(0, one);
    for (let t = 0; t < count; t++) views.push(one);
    return views;
  }
  const all = new Float64Array(count * size);
  for (let t = 0; t < count; t++) {
    const view = all.subarray(t * size, (t + 1) * size);
    fill(t, view);
    views.push(view);
  }
  return views;
}

/**
 * A flow L = (L_0..L_T) with the environment evaluated along it: `rewardAt[t]` = r_t(·,·,L_t) and
 * `transAt[t]` = P_t(·|·,·,L_t) over the sparse pattern. Views point either at this object's own
 * buffers (mean-field-dependent parts) or at the shared constant tables.
 */
export class FlowEvaluation {
  readonly tables: GameTables;
  /** The flow, flat ((T+1)·S·A). */
  readonly L: Float64Array;
  readonly rewardAt: Float64Array[];
  readonly transAt: Float64Array[];
  private readonly ownRewardAt: Float64Array[] | undefined;
  private readonly ownTransAt: Float64Array[] | undefined;
  private readonly mu: Float64Array;
  private readonly flowViews: Float64Array[];

  constructor(tables: GameTables) {
    this.tables = tables;
    const { horizon: T, nRows, nnz, nStates } = tables;
    this.L = new Float64Array((T + 1) * nRows);
    this.flowViews = [];
    for (let t = 0; t <= T; t++) this.flowViews.push(this.L.subarray(t * nRows, (t + 1) * nRows));
    this.mu = new Float64Array(nStates);
    if (tables.constantRewardAt) {
      this.rewardAt = tables.constantRewardAt;
    } else {
      this.ownRewardAt = views(T + 1, nRows);
      this.rewardAt = this.ownRewardAt;
    }
    if (tables.constantTransAt) {
      this.transAt = tables.constantTransAt;
    } else {
      this.ownTransAt = views(T, nnz);
      this.transAt = this.ownTransAt;
    }
  }

  /** L_t as a view into the flow. */
  flowAt(t: number): Float64Array {
    return this.flowViews[t]!;
  }

  /**
   * Computes L = Γ(π) (mean-field-games.md §2), evaluating P_t at each completed L_t on the way, and
   * then r_t(L_t) unless `withRewards` is false.
   */
  computeFlow(pi: TabularPolicy, withRewards = true): void {
    const { game, horizon: T, nStates: S, nActions: A, rowPtr, col } = this.tables;
    const L = this.L;
    const mu = this.mu;
    const mu0 = game.mu0;
    for (let s = 0; s < S; s++) {
      const m = mu0[s]!;
      const base = s * A;
      for (let a = 0; a < A; a++) L[base + a] = m * pi[base + a]!;
    }
    const own = this.ownTransAt;
    for (let t = 0; t < T; t++) {
      const off = t * S * A;
      const P = own ? own[t]! : this.transAt[t]!;
      if (own) game.transitionValues(t, this.flowAt(t), P);
      mu.fill(0);
      for (let r = 0; r < S * A; r++) {
        const w = L[off + r]!;
        if (w === 0) continue;
        const end = rowPtr[r + 1]!;
        for (let k = rowPtr[r]!; k < end; k++) mu[col[k]!] += w * P[k]!;
      }
      const next = off + S * A;
      for (let s = 0; s < S; s++) {
        const m = mu[s]!;
        const base = s * A;
        for (let a = 0; a < A; a++) L[next + base + a] = m * pi[next + base + a]!;
      }
    }
    if (withRewards) this.evaluateRewards();
  }

  /** Copies an external flow in and evaluates r_t and P_t along it. */
  setFlow(L: Float64Array): void {
    this.L.set(L);
    const own = this.ownTransAt;
    if (own) {
      const { game, horizon: T } = this.tables;
      for (let t = 0; t < T; t++) game.transitionValues(t, this.flowAt(t), own[t]!);
    }
    this.evaluateRewards();
  }

  private evaluateRewards(): void {
    const own = this.ownRewardAt;
    if (!own) return;
    const { game, horizon: T } = this.tables;
    for (let t = 0; t <= T; t++) game.reward(t, this.flowAt(t), own[t]!);
  }
}

function views(count: number, size: number): Float64Array[] {
  const all = new Float64Array(count * size);
  const out: Float64Array[] = [];
  for (let t = 0; t < count; t++) out.push(all.subarray(t * size, (t + 1) * size));
  return out;
}

/**
 * Symmetrisation sym(G) (docs/induced-mfg.md §2): the average over agent permutations. In the
 * anonymous-parametric form it needs no N! terms:
 *
 *     R̄_t(z, σ) = (1/N) Σ_k f_t(z, σ; θ_k),     P̄_t(·|z, σ) = (1/N) Σ_k g_t(·|z, σ; θ_k),
 *
 * which equals f_t(z, σ; θ̄) when f is affine in θ. sym(G) is returned as a game with P = 0.
 */
import { type AgentTypes, agentTypes, meanParams, type NPlayerGame } from "./game.js";

/**
 * Evaluates every agent type's reward and transition tables at (t, σ): per-type tables when the types
 * are few (or f is not affine), otherwise the affine basis around θ̄ — f(θ) = f(θ̄) + Σ_p (θ_p − θ̄_p)·D_p
 * with D_p = f(θ̄ + e_p) − f(θ̄).
 */
export class TypeTables {
  readonly game: NPlayerGame;
  readonly types: AgentTypes;
  /** "types": one table per type; "affine": base + P difference tables, combined per agent. */
  readonly mode: "types" | "affine";
  /** types mode: count·SA; affine mode: (P+1)·SA (row 0 = f(θ̄)). */
  readonly rewards: Float64Array;
  /** types mode: count·nnz; affine mode: (P+1)·nnz. */
  readonly transitions: Float64Array;
  /** affine mode: θ_i − θ̄ per agent (N·P). */
  readonly deltas: Float64Array;
  private readonly thetaBar: Float64Array;
  private readonly probe: Float64Array;
  private readonly scratchR: Float64Array;
  private readonly scratchT: Float64Array;

  constructor(game: NPlayerGame, maxTypeTables = 64) {
    this.game = game;
    this.types = agentTypes(game);
    const P = game.nParams;
    const SA = game.nStates * game.nActions;
    const nnz = game.transitionPattern.col.length;
    this.mode = this.types.count <= maxTypeTables || !game.affineInParams ? "types" : "affine";
    const rows = this.mode === "types" ? this.types.count : P + 1;
    this.rewards = new Float64Array(rows * SA);
    this.transitions = new Float64Array(rows * nnz);
    this.thetaBar = meanParams(game);
    this.probe = new Float64Array(P);
    this.scratchR = new Float64Array(SA);
    this.scratchT = new Float64Array(nnz);
    this.deltas = new Float64Array(this.mode === "affine" ? game.nAgents * P : 0);
    if (this.mode === "affine") {
      for (let i = 0; i < game.nAgents; i++) {
        for (let p = 0; p < P; p++) this.deltas[i * P + p] = game.params[i * P + p]! - this.thetaBar[p]!;
      }
    }
  }

  /** Fills the tables at epoch t and measure σ (transitions only if `withTransitions`). */
  prepare(t: number, sigma: Float64Array, withTransitions: boolean): void {
    const g = this.game;
    const P = g.nParams;
    const SA = g.nStates * g.nActions;
    const nnz = g.transitionPattern.col.length;
    if (this.mode === "types") {
      for (let k = 0; k < this.types.count; k++) {
        const theta = this.types.theta.subarray(k * P, (k + 1) * P);
        g.reward(t, sigma, theta, this.rewards.subarray(k * SA, (k + 1) * SA));
        if (withTransitions)
          g.transitionValues(t, sigma, theta, this.transitions.subarray(k * nnz, (k + 1) * nnz));
      }
      return;
    }
    const baseR = this.rewards.subarray(0, SA);
    const baseT = this.transitions.subarray(0, nnz);
    g.reward(t, sigma, this.thetaBar, baseR);
    if (withTransitions) g.transitionValues(t, sigma, this.thetaBar, baseT);
    for (let p = 0; p < P; p++) {
      this.probe.set(this.thetaBar);
      this.probe[p] = this.probe[p]! + 1;
      g.reward(t, sigma, this.probe, this.scratchR);
      for (let r = 0; r < SA; r++) this.rewards[(p + 1) * SA + r] = this.scratchR[r]! - baseR[r]!;
      if (withTransitions) {
        g.transitionValues(t, sigma, this.probe, this.scratchT);
        for (let k = 0; k < nnz; k++) this.transitions[(p + 1) * nnz + k] = this.scratchT[k]! - baseT[k]!;
      }
    }
  }

  /** Agent i's reward at cell z (after {@link prepare}). */
  rewardOf(i: number, z: number): number {
    const SA = this.game.nStates * this.game.nActions;
    if (this.mode === "types") return this.rewards[this.types.typeOf[i]! * SA + z]!;
    const P = this.game.nParams;
    let r = this.rewards[z]!;
    for (let p = 0; p < P; p++) r += this.deltas[i * P + p]! * this.rewards[(p + 1) * SA + z]!;
    return r;
  }

  /** Agent i's transition value at pattern entry k (after {@link prepare} with transitions). */
  transitionOf(i: number, k: number): number {
    const nnz = this.game.transitionPattern.col.length;
    if (this.mode === "types") return this.transitions[this.types.typeOf[i]! * nnz + k]!;
    const P = this.game.nParams;
    let v = this.transitions[k]!;
    for (let p = 0; p < P; p++) v += this.deltas[i * P + p]! * this.transitions[(p + 1) * nnz + k]!;
    return v;
  }
}

/**
 * sym(G): a symmetric game (P = 0) with R̄ and P̄ the agent averages of f and g (the θ̄-game for affine f, g).
 * A game that is already symmetric (one type) is returned unchanged, so sym is idempotent.
 */
export function symmetrize(game: NPlayerGame): NPlayerGame {
  const types = agentTypes(game);
  if (game.nParams === 0) return game;
  const P = game.nParams;
  const N = game.nAgents;
  const SA = game.nStates * game.nActions;
  const nnz = game.transitionPattern.col.length;
  const empty = new Float64Array(0);
  const common = {
    name: `sym(${game.name})`,
    nAgents: N,
    horizon: game.horizon,
    nStates: game.nStates,
    nActions: game.nActions,
    mu0: game.mu0,
    transitionPattern: game.transitionPattern,
    nParams: 0,
    params: empty,
    affineInParams: true,
    populationDependence: game.populationDependence,
    dependsOnPopulation: game.dependsOnPopulation,
    ...(game.rewardRange ? { rewardRange: game.rewardRange } : {}),
  };
  if (types.count === 1) {
    const theta = types.theta.subarray(0, P);
    return {
      ...common,
      reward: (t, sigma, _theta, out) => game.reward(t, sigma, theta, out),
      transitionValues: (t, sigma, _theta, out) => game.transitionValues(t, sigma, theta, out),
    };
  }
  if (game.affineInParams) {
    const bar = meanParams(game);
    return {
      ...common,
      reward: (t, sigma, _theta, out) => game.reward(t, sigma, bar, out),
      transitionValues: (t, sigma, _theta, out) => game.transitionValues(t, sigma, bar, out),
    };
  }
  const r = new Float64Array(SA);
  const q = new Float64Array(nnz);
  return {
    ...common,
    reward(t, sigma, _theta, out) {
      out.fill(0);
      for (let k = 0; k < types.count; k++) {
        game.reward(t, sigma, types.theta.subarray(k * P, (k + 1) * P), r);
        const w = types.size[k]! / N;
        for (let j = 0; j < SA; j++) out[j] = out[j]! + w * r[j]!;
      }
    },
    transitionValues(t, sigma, _theta, out) {
      out.fill(0);
      for (let k = 0; k < types.count; k++) {
        game.transitionValues(t, sigma, types.theta.subarray(k * P, (k + 1) * P), q);
        const w = types.size[k]! / N;
        for (let j = 0; j < nnz; j++) out[j] = out[j]! + w * q[j]!;
      }
    },
  };
}

/**
 * The learner plugin interface (docs/homogenization.md §3).
 *
 * Learner i owns a parameter block x_i (a flat slice of the slow variable), a policy π^i(·|s; x_i)
 * and a rate-free update direction u_i(x; e) on one transition e = (s, a, r, s'): the learning rule
 * applies x_i ← x_i + α_i·u_i(x; e). The engine composes learners into the slow/fast model, where the
 * increment of learner i is f_i = (α_i/ε)·u_i for the reference rate ε, and averages u_i over the
 * stationary law of transitions to get the drift.
 */
import type { MarkovGame } from "./markov-game.js";

/** One transition of the game, as seen by every learner. */
export interface TransitionSample {
  /** s: the state where the joint action was played. */
  state: number;
  /** j: the joint action index. */
  jointAction: number;
  /** a_k for each player k. */
  readonly actions: Int32Array;
  /** r_k for each player k (sampled, or the mean R_k(s, a)). */
  readonly rewards: Float64Array;
  /** s': the next state. */
  next: number;
}

/** Where a learner sits: the game and its player index. */
export interface LearnerContext {
  readonly game: MarkovGame;
  readonly player: number;
}

/**
 * What the engine knows when averaging: the stationary state law ν_x, each player's policy table
 * π^k(b|s) (flat s·A_k + b) and the joint policy π_x(j|s) (flat s·|A| + j).
 */
export interface DriftContext {
  readonly game: MarkovGame;
  readonly stateLaw: Float64Array;
  readonly playerPolicies: readonly Float64Array[];
  readonly jointPolicy: Float64Array;
}

/** A learning rule bound to one player of one game. */
export interface Learner {
  /** The rule's name, as in specs (`"q-learning"`, …). */
  readonly rule: string;
  /** The player this learner controls. */
  readonly player: number;
  /** Shape of the parameter block (e.g. `[S, A_i]` for a Q-table). */
  readonly paramShape: readonly number[];
  /** Number of parameters, the product of `paramShape`. */
  readonly paramSize: number;
  /** α_i, the learner's own step size. */
  readonly rate: number;
  /** x_i(0). */
  readonly initialParams: Float64Array;

  /** Writes π^i(·|s; x_i) into `out[outOffset .. outOffset + A_i)`; reads x[offset .. offset + paramSize). */
  policy(x: Float64Array, offset: number, state: number, out: Float64Array, outOffset: number): void;

  /**
   * Adds weight·u_i(x; e) to `out[outOffset ..]`. `out` may be `x` itself (an in-place update with
   * weight α_i): implementations read everything they need before writing.
   */
  addIncrement(
    x: Float64Array,
    offset: number,
    sample: TransitionSample,
    weight: number,
    out: Float64Array,
    outOffset: number,
  ): void;

  /**
   * Optional closed form of the averaged direction: adds weight·Σ_e μ_x(e) u_i(x; e) to `out`.
   * When absent, the engine averages {@link addIncrement} over the factored law ν(s)π(a|s)T(s,a,s').
   */
  addAveragedIncrement?(
    x: Float64Array,
    offset: number,
    context: DriftContext,
    weight: number,
    out: Float64Array,
    outOffset: number,
  ): void;

  /** Optional check that x_i is admissible (e.g. finite); returns a message or undefined. */
  checkParams?(x: Float64Array, offset: number): string | undefined;
}

/** Builds a learner for one player from the game. */
export type LearnerFactory = (context: LearnerContext) => Learner;

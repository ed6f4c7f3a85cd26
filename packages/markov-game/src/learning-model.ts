/**
 * Learners in an n-player Markov game as a slow/fast model (docs/homogenization.md §2).
 *
 * Slow variable: x = (x_1, …, x_n), the learners' parameter blocks laid end to end.
 * Fast state: one transition e = (s, a, s') (plus the rewards seen on it), redrawn by
 *     P_x((s,a,s'), (s̃,ã,s̃')) = 1[s̃ = s'] · π_x(ã|s̃) · T(s̃, ã, s̃').
 * Increment: f_i(x, e) = c_i·u_i(x; e) with c_i = α_i/ε for the reference rate ε (default max_i α_i).
 *
 * The invariant law factorises, μ_x(s, a, s') = ν_x(s)·π_x(a|s)·T(s, a, s'), with ν_x the stationary
 * law of the state chain K_x(s, s') = Σ_a π_x(a|s) T(s, a, s'): a drift evaluation costs one |S|×|S|
 * stationary solve plus contractions over the game's nonzero transitions. The |E|×|E| kernel exists
 * only as an oracle for tests on tiny games ({@link MarkovLearningModel.kernel}).
 */
import {
  analyzeChain,
  createStationarySolver,
  type FiniteSlowFastModel,
  MfkitError,
  type RandomSource,
  type StationarySolver,
} from "@mfkit/core";
import type { DriftContext, Learner, TransitionSample } from "./learner.js";
import type { MarkovGame } from "./markov-game.js";

/** Draws the rewards of a transition into `out` (one per player); default: the mean rewards R(s, a). */
export type RewardSampler = (
  state: number,
  jointAction: number,
  random: RandomSource,
  out: Float64Array,
) => void;

export interface MarkovLearningOptions {
  /** ε, the reference step size of the slow variable (default: max_i α_i). */
  referenceRate?: number;
  /** Law of the initial state s_0 (default: uniform, as mgap). */
  initialStateLaw?: ArrayLike<number>;
  /** Stochastic rewards; the drift uses the mean tensor of the game, which must be the sampler's mean. */
  rewardSampler?: RewardSampler;
}

/** Learners in a Markov game, as a {@link FiniteSlowFastModel} over transitions. */
export class MarkovLearningModel implements FiniteSlowFastModel<TransitionSample> {
  readonly game: MarkovGame;
  readonly learners: readonly Learner[];
  readonly dim: number;
  /** Start of learner i's block in x. */
  readonly offsets: readonly number[];
  /** ε, the reference rate. */
  readonly referenceRate: number;
  /** c_i = α_i/ε. */
  readonly rateFactors: Float64Array;
  readonly fastSize: number;
  readonly initialStateLaw: Float64Array;

  private readonly rewardSampler: RewardSampler | undefined;
  private readonly stationary: StationarySolver;
  private readonly stateKernelBuffer: Float64Array;
  private readonly stateLawBuffer: Float64Array;
  private readonly playerPolicies: Float64Array[];
  private readonly jointPolicy: Float64Array;
  private readonly driftContext: DriftContext;
  private readonly policyRow: Float64Array;
  private readonly scratchSample: TransitionSample;
  private hasStateLaw = false;

  constructor(game: MarkovGame, learners: readonly Learner[], options: MarkovLearningOptions = {}) {
    if (learners.length !== game.nPlayers) {
      throw new MfkitError(
        "invalid-shape",
        `the game has ${game.nPlayers} players but ${learners.length} learners were given`,
        ["learners"],
      );
    }
    learners.forEach((learner, i) => {
      if (learner.player !== i) {
        throw new MfkitError("invalid-argument", `learner ${i} is bound to player ${learner.player}`, [
          "learners",
          i,
        ]);
      }
    });
    this.game = game;
    this.learners = learners;
    const offsets: number[] = [];
    let dim = 0;
    for (const learner of learners) {
      offsets.push(dim);
      dim += learner.paramSize;
    }
    this.offsets = offsets;
    this.dim = dim;
    const maxRate = Math.max(...learners.map((l) => l.rate));
    const epsilon = options.referenceRate ?? maxRate;
    if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
      throw new MfkitError("invalid-argument", `the reference rate must be > 0, got ${epsilon}`, [
        "referenceRate",
      ]);
    }
    this.referenceRate = epsilon;
    this.rateFactors = Float64Array.from(learners, (l) => l.rate / epsilon);
    const S = game.nStates;
    this.fastSize = S * game.nJointActions * S;
    this.initialStateLaw = readInitialLaw(options.initialStateLaw, S);
    this.rewardSampler = options.rewardSampler;
    this.stationary = createStationarySolver(S);
    this.stateKernelBuffer = new Float64Array(S * S);
    this.stateLawBuffer = new Float64Array(S);
    this.playerPolicies = game.actionCounts.map((a) => new Float64Array(S * a));
    this.jointPolicy = new Float64Array(S * game.nJointActions);
    this.driftContext = {
      game,
      stateLaw: this.stateLawBuffer,
      playerPolicies: this.playerPolicies,
      jointPolicy: this.jointPolicy,
    };
    this.policyRow = new Float64Array(Math.max(...game.actionCounts));
    this.scratchSample = this.createFastState();
  }

  /** x(0): the learners' initial parameters laid end to end. */
  initialParams(): Float64Array {
    const x = new Float64Array(this.dim);
    this.learners.forEach((learner, i) => {
      x.set(learner.initialParams, this.offsets[i]);
    });
    return x;
  }

  /** Learner i's block of x, as a view. */
  paramsOf(x: Float64Array, player: number): Float64Array {
    const learner = this.learners[player]!;
    return x.subarray(this.offsets[player]!, this.offsets[player]! + learner.paramSize);
  }

  /**
   * Fills each player's policy table π^k(b|s) and the joint policy π_x(j|s) = Π_k π^k(a_k(j)|s).
   * Returns the joint policy (owned by the model; overwritten by the next call).
   */
  computePolicies(x: Float64Array): Float64Array {
    const { game } = this;
    const S = game.nStates;
    const n = game.nPlayers;
    const J = game.nJointActions;
    for (let k = 0; k < n; k++) {
      const A = game.actionCounts[k]!;
      const table = this.playerPolicies[k]!;
      for (let s = 0; s < S; s++) this.learners[k]!.policy(x, this.offsets[k]!, s, table, s * A);
    }
    const joint = this.jointPolicy;
    const actions = game.jointActions;
    for (let s = 0; s < S; s++) {
      for (let j = 0; j < J; j++) {
        let p = 1;
        for (let k = 0; k < n; k++) {
          p *= this.playerPolicies[k]![s * game.actionCounts[k]! + actions[j * n + k]!]!;
        }
        joint[s * J + j] = p;
      }
    }
    return joint;
  }

  /** Player k's policy table from the last {@link computePolicies} call. */
  policyTable(player: number): Float64Array {
    return this.playerPolicies[player]!;
  }

  /** Writes the state kernel K_x(s, s') = Σ_a π_x(a|s) T(s, a, s') (S×S, row-major) into `out`. */
  stateKernel(x: Float64Array, out: Float64Array = new Float64Array(this.game.nStates ** 2)): Float64Array {
    this.computePolicies(x);
    this.fillStateKernel(out);
    return out;
  }

  private fillStateKernel(out: Float64Array): void {
    const { game } = this;
    const S = game.nStates;
    const J = game.nJointActions;
    out.fill(0);
    const { successorPtr, successorStates, successorProbs } = game;
    for (let s = 0; s < S; s++) {
      for (let j = 0; j < J; j++) {
        const p = this.jointPolicy[s * J + j]!;
        if (p === 0) continue;
        const r = s * J + j;
        for (let q = successorPtr[r]!; q < successorPtr[r + 1]!; q++) {
          out[s * S + successorStates[q]!]! += p * successorProbs[q]!;
        }
      }
    }
  }

  /**
   * The stationary state law ν_x (ν_x K_x = ν_x), written into `out`. Throws a typed
   * "reducible-chain" error naming the closed classes when K_x has more than one.
   */
  stationaryStateLaw(x: Float64Array, out: Float64Array = new Float64Array(this.game.nStates)): Float64Array {
    this.computePolicies(x);
    this.solveStateLaw();
    out.set(this.stateLawBuffer);
    return out;
  }

  private solveStateLaw(): void {
    this.fillStateKernel(this.stateKernelBuffer);
    // The kernel is row-stochastic by construction (policies and T are): skip the O(S²) validation.
    this.stationary.solveUnchecked(
      this.stateKernelBuffer,
      this.stateLawBuffer,
      this.hasStateLaw ? this.stateLawBuffer : undefined,
    );
    this.hasStateLaw = true;
  }

  /**
   * The averaged drift F(x) = Σ_i c_i Σ_e μ_x(e) u_i(x; e) on the rescaled clock, using each
   * learner's closed form when it has one and exact enumeration of the factored law otherwise.
   */
  drift(x: Float64Array, out: Float64Array): void {
    this.computePolicies(x);
    this.solveStateLaw();
    out.fill(0);
    this.learners.forEach((learner, i) => {
      const offset = this.offsets[i]!;
      const weight = this.rateFactors[i]!;
      if (learner.addAveragedIncrement) {
        learner.addAveragedIncrement(x, offset, this.driftContext, weight, out, offset);
      } else {
        this.addEnumeratedIncrement(learner, x, offset, weight, out);
      }
    });
  }

  /**
   * The drift by exact enumeration of μ_x(s, a, s') = ν(s)π(a|s)T(s, a, s') for every learner,
   * ignoring closed forms: an independent check of {@link drift}.
   */
  driftByEnumeration(x: Float64Array, out: Float64Array): void {
    this.computePolicies(x);
    this.solveStateLaw();
    out.fill(0);
    this.learners.forEach((learner, i) => {
      this.addEnumeratedIncrement(learner, x, this.offsets[i]!, this.rateFactors[i]!, out);
    });
  }

  private addEnumeratedIncrement(
    learner: Learner,
    x: Float64Array,
    offset: number,
    weight: number,
    out: Float64Array,
  ) {
    const { game } = this;
    const S = game.nStates;
    const J = game.nJointActions;
    const n = game.nPlayers;
    const sample = this.scratchSample;
    const { successorPtr, successorStates, successorProbs } = game;
    for (let s = 0; s < S; s++) {
      const nu = this.stateLawBuffer[s]!;
      if (nu === 0) continue;
      for (let j = 0; j < J; j++) {
        const p = nu * this.jointPolicy[s * J + j]!;
        if (p === 0) continue;
        sample.state = s;
        sample.jointAction = j;
        for (let k = 0; k < n; k++) {
          sample.actions[k] = game.jointActions[j * n + k]!;
          sample.rewards[k] = game.rewards[(s * J + j) * n + k]!;
        }
        const r = s * J + j;
        for (let q = successorPtr[r]!; q < successorPtr[r + 1]!; q++) {
          sample.next = successorStates[q]!;
          learner.addIncrement(x, offset, sample, weight * p * successorProbs[q]!, out, offset);
        }
      }
    }
  }

  /** The state law of the last drift/stationary computation (owned by the model). */
  lastStateLaw(): Float64Array {
    return this.stateLawBuffer;
  }

  // ---- fast state: one transition ----

  createFastState(): TransitionSample {
    return {
      state: 0,
      jointAction: 0,
      actions: new Int32Array(this.game.nPlayers),
      rewards: new Float64Array(this.game.nPlayers),
      next: 0,
    };
  }

  initFastState(x: Float64Array, e: TransitionSample, random: RandomSource): void {
    e.next = sampleFrom(this.initialStateLaw, 0, this.game.nStates, random.next());
    this.advanceFastState(x, e, random);
  }

  /** e ← (s', a ~ π_x(·|s'), s'' ~ T(s', a, ·)), with the rewards of (s', a). */
  advanceFastState(x: Float64Array, e: TransitionSample, random: RandomSource): void {
    const { game } = this;
    const n = game.nPlayers;
    const J = game.nJointActions;
    const s = e.next;
    let j = 0;
    const row = this.policyRow;
    for (let k = 0; k < n; k++) {
      const A = game.actionCounts[k]!;
      this.learners[k]!.policy(x, this.offsets[k]!, s, row, 0);
      const a = sampleFrom(row, 0, A, random.next());
      e.actions[k] = a;
      j = j * A + a;
    }
    e.state = s;
    e.jointAction = j;
    const r = s * J + j;
    if (this.rewardSampler) this.rewardSampler(s, j, random, e.rewards);
    else for (let k = 0; k < n; k++) e.rewards[k] = game.rewards[r * n + k]!;
    const start = game.successorPtr[r]!;
    const end = game.successorPtr[r + 1]!;
    const u = random.next();
    let q = start;
    while (q < end - 1 && game.successorCumulative[q]! <= u) q++;
    e.next = game.successorStates[q]!;
  }

  /** x ← x + scale·f(x, e): learner i moves by scale·c_i·u_i (= α_i·u_i when scale = ε). */
  applyIncrement(x: Float64Array, e: TransitionSample, scale: number): void {
    for (let i = 0; i < this.learners.length; i++) {
      const offset = this.offsets[i]!;
      this.learners[i]!.addIncrement(x, offset, e, scale * this.rateFactors[i]!, x, offset);
    }
  }

  // ---- finite fast space: the |E|×|E| oracle ----

  /** Index of the fast state (s, j, s'): (s·|A| + j)·|S| + s'. */
  fastIndex(state: number, jointAction: number, next: number): number {
    return (state * this.game.nJointActions + jointAction) * this.game.nStates + next;
  }

  /** Dense P_x on E = S×A×S (|E|² entries: for tests on tiny games only). */
  kernel(x: Float64Array, out: Float64Array): void {
    const S = this.game.nStates;
    const J = this.game.nJointActions;
    const m = this.fastSize;
    this.computePolicies(x);
    out.fill(0);
    for (let from = 0; from < m; from++) {
      const next = from % S;
      for (let j = 0; j < J; j++) {
        const p = this.jointPolicy[next * J + j]!;
        for (let s2 = 0; s2 < S; s2++) {
          out[from * m + this.fastIndex(next, j, s2)] = p * this.game.transitions[(next * J + j) * S + s2]!;
        }
      }
    }
  }

  /** f(x, e) for the fast state with the given index (mean rewards). */
  incrementAt(x: Float64Array, index: number, out: Float64Array): void {
    const S = this.game.nStates;
    const J = this.game.nJointActions;
    const n = this.game.nPlayers;
    const sample = this.scratchSample;
    sample.next = index % S;
    const r = Math.floor(index / S);
    sample.state = Math.floor(r / J);
    sample.jointAction = r % J;
    for (let k = 0; k < n; k++) {
      sample.actions[k] = this.game.jointActions[sample.jointAction * n + k]!;
      sample.rewards[k] = this.game.rewards[r * n + k]!;
    }
    out.fill(0);
    this.learners.forEach((learner, i) => {
      const offset = this.offsets[i]!;
      learner.addIncrement(x, offset, sample, this.rateFactors[i]!, out, offset);
    });
  }
}

/** Inverse-CDF draw from nonnegative weights that sum to 1 (the last bin absorbs rounding). */
function sampleFrom(weights: ArrayLike<number>, offset: number, length: number, u: number): number {
  let cumulative = 0;
  for (let b = 0; b < length - 1; b++) {
    cumulative += weights[offset + b]!;
    if (u < cumulative) return b;
  }
  return length - 1;
}

function readInitialLaw(law: ArrayLike<number> | undefined, S: number): Float64Array {
  if (law === undefined) return new Float64Array(S).fill(1 / S);
  if (law.length !== S) {
    throw new MfkitError("invalid-shape", `expected ${S} probabilities, got ${law.length}`, [
      "initialStateLaw",
    ]);
  }
  let sum = 0;
  for (let s = 0; s < S; s++) {
    const p = law[s]!;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new MfkitError("invalid-probability", `probability ${p} is not a finite nonnegative number`, [
        "initialStateLaw",
        s,
      ]);
    }
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) {
    throw new MfkitError("invalid-probability", `probabilities sum to ${sum}, not 1`, ["initialStateLaw"]);
  }
  return Float64Array.from(law);
}

/**
 * Checks once per game that the chain of states under uniformly random play,
 * K̄ = (1/|A|)Σ_a T(s, a, ·), has a single closed class. For policies with full support (softmax-ε)
 * supp K_x = supp K̄, so this decides ergodicity for every x. Throws "reducible-chain" otherwise.
 */
export function checkSingleRecurrentClass(game: MarkovGame): void {
  const S = game.nStates;
  const J = game.nJointActions;
  const kernel = new Float64Array(S * S);
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < J; j++) {
      for (let s2 = 0; s2 < S; s2++) kernel[s * S + s2]! += game.transitions[(s * J + j) * S + s2]! / J;
    }
  }
  const structure = analyzeChain(kernel, S);
  if (structure.closedClasses.length > 1) {
    const classes = structure.closedClasses.map((c) => `{${c.join(", ")}}`).join(", ");
    throw new MfkitError(
      "reducible-chain",
      `the state chain has ${structure.closedClasses.length} closed classes ${classes}` +
        (structure.transientStates.length > 0
          ? ` and transient states {${structure.transientStates.join(", ")}}`
          : "") +
        ": the stationary law is not unique, so the averaged dynamics is not defined",
      ["game", "transitions"],
      { closedClasses: structure.closedClasses, transientStates: structure.transientStates },
    );
  }
}

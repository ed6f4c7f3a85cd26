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
 *
 * Extensions of the fast state ({@link MarkovFastState}), none of which changes the drift per update:
 * the next joint action a' ~ π_x(·|s') for rules that read it (SARSA), the update count k for a
 * step-size schedule g(k), and the mean increment of a block of B transitions for batch updates.
 */
import {
  analyzeChain,
  createStationarySolver,
  type FiniteSlowFastModel,
  MfkitError,
  type RandomSource,
  reducibleChainError,
  type StationarySolver,
  sampleNormalizedIndex,
} from "@mfkit/core";
import { readBatchSize } from "./batch.js";
import type { DriftContext, Learner, TransitionSample } from "./learner.js";
import type { MarkovGame } from "./markov-game.js";
import type { StepSchedule } from "./schedule.js";

/**
 * A transition that also carries the next joint action a' ~ π_x(·|s') (the action that will be
 * played at s'), for rules such as SARSA whose update reads it. The fast state is then
 * (s, a, s', a'), with invariant law ν(s)π(a|s)T(s,a,s')π(a'|s'): its (s, a, s') marginal is μ_x.
 */
export interface LookaheadSample extends TransitionSample {
  /** a'_k for each player k (filled only when some learner has {@link LookaheadLearner.usesNextAction}). */
  readonly nextActions: Int32Array;
  /** j', the joint index of a'. */
  nextJointAction: number;
}

/** A learner whose increment reads {@link LookaheadSample.nextActions}. */
export interface LookaheadLearner extends Learner {
  readonly usesNextAction: true;
}

/** Whether a learner reads the next joint action. */
export function usesNextAction(learner: Learner): learner is LookaheadLearner {
  return (learner as Partial<LookaheadLearner>).usesNextAction === true;
}

/** The engine's fast state: the last transition, its successor action, the update count, the batch increment. */
export interface MarkovFastState extends LookaheadSample {
  /** k, the number of updates applied so far (for step-size schedules). */
  step: number;
  /** With batch size B > 1: (1/B)·Σ_b f(x, e_b) over the last collected block (length dim); else empty. */
  readonly batch: Float64Array;
}

/** Draws the rewards of a transition into `out` (one per player); default: the mean rewards R(s, a). */
export type RewardSampler = (
  state: number,
  jointAction: number,
  random: RandomSource,
  out: Float64Array,
) => void;

/** Options of {@link MarkovLearningModel}: the clock, the initial state and the combinators. */
export interface MarkovLearningOptions {
  /** ε, the reference step size of the slow variable (default: max_i α_i). */
  referenceRate?: number;
  /** Law of the initial state s_0 (default: uniform, as mgap). */
  initialStateLaw?: ArrayLike<number>;
  /** Stochastic rewards; the drift uses the mean tensor of the game, which must be the sampler's mean. */
  rewardSampler?: RewardSampler;
  /**
   * B ≥ 1: each update applies the mean increment over B consecutive transitions collected under
   * frozen x (default 1). The drift per update is unchanged (see batch.ts).
   */
  batchSize?: number;
  /** A common factor g(k) on every rate at update k (see schedule.ts); the drift is unchanged. */
  stepSchedule?: StepSchedule;
}

/** Learners in a Markov game, as a {@link FiniteSlowFastModel} over transitions. */
export class MarkovLearningModel implements FiniteSlowFastModel<MarkovFastState> {
  readonly game: MarkovGame;
  /** Learner i controls player i. */
  readonly learners: readonly Learner[];
  /** Length of x: the sum of the learners' parameter sizes. */
  readonly dim: number;
  /** Start of learner i's block in x. */
  readonly offsets: readonly number[];
  /** ε, the reference rate. */
  readonly referenceRate: number;
  /** c_i = α_i/ε. */
  readonly rateFactors: Float64Array;
  /** |E| = |S|·|A|·|S|, the number of transitions (s, j, s'). */
  readonly fastSize: number;
  /** Law of s_0. */
  readonly initialStateLaw: Float64Array;
  /** B, transitions per update. */
  readonly batchSize: number;
  /** The step-size schedule, if any. */
  readonly stepSchedule: StepSchedule | undefined;
  /** Whether the fast state carries the next joint action (some learner reads it). */
  readonly lookahead: boolean;

  private readonly rewardSampler: RewardSampler | undefined;
  private readonly stationary: StationarySolver;
  private readonly stateKernelBuffer: Float64Array;
  private readonly stateLawBuffer: Float64Array;
  private readonly playerPolicies: Float64Array[];
  private readonly jointPolicy: Float64Array;
  private readonly driftContext: DriftContext;
  private readonly policyRow: Float64Array;
  private readonly scratchSample: MarkovFastState;
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
    this.batchSize = readBatchSize(options.batchSize);
    this.stepSchedule = options.stepSchedule;
    this.lookahead = learners.some(usesNextAction);
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
    // Plain loops: this is the ODE right-hand side, called thousands of times (no closures per call).
    for (let i = 0; i < this.learners.length; i++) {
      const learner = this.learners[i]!;
      const offset = this.offsets[i]!;
      const weight = this.rateFactors[i]!;
      if (learner.addAveragedIncrement) {
        learner.addAveragedIncrement(x, offset, this.driftContext, weight, out, offset);
      } else {
        this.addEnumeratedIncrement(learner, x, offset, weight, out);
      }
    }
  }

  /**
   * The drift by exact enumeration of μ_x(s, a, s') = ν(s)π(a|s)T(s, a, s') for every learner,
   * ignoring closed forms: an independent check of {@link drift}.
   */
  driftByEnumeration(x: Float64Array, out: Float64Array): void {
    this.computePolicies(x);
    this.solveStateLaw();
    out.fill(0);
    for (let i = 0; i < this.learners.length; i++) {
      this.addEnumeratedIncrement(this.learners[i]!, x, this.offsets[i]!, this.rateFactors[i]!, out);
    }
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
    const lookahead = usesNextAction(learner);
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
          const w = weight * p * successorProbs[q]!;
          if (lookahead) this.addOverNextActions(learner, x, offset, sample, w, out, offset);
          else learner.addIncrement(x, offset, sample, w, out, offset);
        }
      }
    }
  }

  /** Adds Σ_{j'} π_x(j'|s')·weight·u(x; s, a, s', j'), with the joint policy already computed. */
  private addOverNextActions(
    learner: Learner,
    x: Float64Array,
    offset: number,
    sample: MarkovFastState,
    weight: number,
    out: Float64Array,
    outOffset: number,
  ) {
    const { game } = this;
    const J = game.nJointActions;
    const n = game.nPlayers;
    const s2 = sample.next;
    for (let j2 = 0; j2 < J; j2++) {
      const p = this.jointPolicy[s2 * J + j2]!;
      if (p === 0) continue;
      sample.nextJointAction = j2;
      for (let k = 0; k < n; k++) sample.nextActions[k] = game.jointActions[j2 * n + k]!;
      learner.addIncrement(x, offset, sample, weight * p, out, outOffset);
    }
  }

  // ---- fast state: one transition (plus the next action, the update count, the batch) ----

  /** A fresh fast state with its buffers (to be filled by {@link initFastState}). */
  createFastState(): MarkovFastState {
    const n = this.game.nPlayers;
    return {
      state: 0,
      jointAction: 0,
      actions: new Int32Array(n),
      rewards: new Float64Array(n),
      next: 0,
      nextActions: new Int32Array(n),
      nextJointAction: 0,
      step: 0,
      batch: new Float64Array(this.batchSize > 1 ? this.dim : 0),
    };
  }

  /** e ← the first transition (or block) from s_0 ~ the initial state law, with the update count at 0. */
  initFastState(x: Float64Array, e: MarkovFastState, random: RandomSource): void {
    e.step = 0;
    e.next = sampleNormalizedIndex(this.initialStateLaw, 0, this.game.nStates, random.next());
    if (this.lookahead) e.nextJointAction = this.drawActions(x, e.next, e.nextActions, random);
    if (this.batchSize > 1) this.collectBatch(x, e, random);
    else this.advanceTransition(x, e, random);
  }

  /**
   * e ← the next transition (B = 1), or the next block of B transitions with their mean increment at
   * x (B > 1). Counts one update.
   */
  advanceFastState(x: Float64Array, e: MarkovFastState, random: RandomSource): void {
    e.step++;
    if (this.batchSize > 1) this.collectBatch(x, e, random);
    else this.advanceTransition(x, e, random);
  }

  /** B transitions under frozen x, accumulating (1/B)·Σ_b f(x, e_b) into e.batch. */
  private collectBatch(x: Float64Array, e: MarkovFastState, random: RandomSource): void {
    const batch = e.batch;
    batch.fill(0);
    const B = this.batchSize;
    for (let b = 0; b < B; b++) {
      this.advanceTransition(x, e, random);
      for (let i = 0; i < this.learners.length; i++) {
        const offset = this.offsets[i]!;
        this.learners[i]!.addIncrement(x, offset, e, this.rateFactors[i]! / B, batch, offset);
      }
    }
  }

  /** Draws a ~ Π_k π^k(·|s; x) into `actions`; returns its joint index. */
  private drawActions(x: Float64Array, s: number, actions: Int32Array, random: RandomSource): number {
    const { game } = this;
    const n = game.nPlayers;
    let j = 0;
    const row = this.policyRow;
    for (let k = 0; k < n; k++) {
      const A = game.actionCounts[k]!;
      this.learners[k]!.policy(x, this.offsets[k]!, s, row, 0);
      const a = sampleNormalizedIndex(row, 0, A, random.next());
      actions[k] = a;
      j = j * A + a;
    }
    return j;
  }

  /**
   * e ← (s', a ~ π_x(·|s'), s'' ~ T(s', a, ·)), with the rewards of (s', a). With lookahead, a is
   * the action drawn at the previous step and a' ~ π_x(·|s'') is drawn now.
   */
  private advanceTransition(x: Float64Array, e: MarkovFastState, random: RandomSource): void {
    const { game } = this;
    const n = game.nPlayers;
    const J = game.nJointActions;
    const s = e.next;
    let j: number;
    if (this.lookahead) {
      j = e.nextJointAction;
      e.actions.set(e.nextActions);
    } else j = this.drawActions(x, s, e.actions, random);
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
    if (this.lookahead) e.nextJointAction = this.drawActions(x, e.next, e.nextActions, random);
  }

  /**
   * x ← x + scale·g(k)·f(x, e): learner i moves by scale·g(k)·c_i·u_i (= α_i·u_i when scale = ε and
   * there is no schedule); with B > 1, f is the block's mean increment.
   */
  applyIncrement(x: Float64Array, e: MarkovFastState, scale: number): void {
    const step = this.stepSchedule ? scale * this.stepSchedule.factor(e.step) : scale;
    if (this.batchSize > 1) {
      const batch = e.batch;
      for (let d = 0; d < batch.length; d++) x[d] = x[d]! + step * batch[d]!;
      return;
    }
    for (let i = 0; i < this.learners.length; i++) {
      const offset = this.offsets[i]!;
      this.learners[i]!.addIncrement(x, offset, e, step * this.rateFactors[i]!, x, offset);
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

  /**
   * f(x, e) for the fast state with the given index (mean rewards). For a learner that reads the next
   * action, the value is E[f | s, a, s'] = Σ_{j'} π_x(j'|s') f(x; s, a, s', j'), whose average under
   * μ_x is the drift.
   */
  incrementAt(x: Float64Array, index: number, out: Float64Array): void {
    if (this.lookahead) this.computePolicies(x);
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
      if (usesNextAction(learner))
        this.addOverNextActions(learner, x, offset, sample, this.rateFactors[i]!, out, offset);
      else learner.addIncrement(x, offset, sample, this.rateFactors[i]!, out, offset);
    });
  }
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
    // core's diagnosis (classes listed, long lists cut), placed at the game's transitions.
    const { reason, details } = reducibleChainError(structure);
    throw new MfkitError(
      "reducible-chain",
      `under play with full support, ${reason}: the averaged dynamics is not defined`,
      ["game", "transitions"],
      details as Record<string, unknown>,
    );
  }
}

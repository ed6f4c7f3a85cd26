/**
 * The per-step tables both finite-N simulators need: μ̂_t = counts/N, the kernels P(μ̂_t), P0(μ̂_t),
 * the rewards r(μ̂_t), r0(μ̂_t) and the policy table π_t(·|·, μ̂_t). Parts that do not depend on μ
 * are evaluated once and reused. Given a `meanField`, every table is evaluated at it in place of
 * counts/N (agents playing against a fixed flow, as in TMF-PG's gradient rollouts).
 */
import { policyTableAt, type TemporalMeanFieldGame, type TmfPolicy } from "./model.js";

/** Reusable per-step tables of one game (see the module comment). */
export class StepTables {
  readonly mu: Float64Array;
  readonly pi: Float64Array;
  readonly kernel: Float64Array;
  readonly passive: Float64Array;
  readonly reward: Float64Array;
  readonly reward0: Float64Array;
  private kernelsReady = false;
  private rewardsReady = false;

  constructor(readonly game: TemporalMeanFieldGame) {
    const { nObs: o, nActions: a } = game;
    this.mu = new Float64Array(o);
    this.pi = new Float64Array(o * a);
    this.kernel = new Float64Array(o * a * o);
    this.passive = new Float64Array(o * o);
    this.reward = new Float64Array(o * a);
    this.reward0 = new Float64Array(o);
  }

  /**
   * Refreshes every table for step `time` from the counts, or at `meanField` when given (rewards
   * only when asked).
   */
  refresh(
    counts: Float64Array,
    populationSize: number,
    policy: TmfPolicy,
    time: number,
    rewards = true,
    meanField?: Float64Array,
  ): void {
    const game = this.game;
    const mu = this.mu;
    if (meanField !== undefined) mu.set(meanField);
    else for (let o = 0; o < mu.length; o++) mu[o] = counts[o] / populationSize;
    const dep = game.dependsOnMeanField;
    if (!this.kernelsReady || dep.activeKernel) game.activeKernel(mu, this.kernel);
    if (!this.kernelsReady || dep.passiveKernel) game.passiveKernel(mu, this.passive);
    this.kernelsReady = true;
    if (rewards) {
      if (!this.rewardsReady || dep.activeReward) game.activeReward(mu, this.reward);
      if (!this.rewardsReady || dep.passiveReward) game.passiveReward(mu, this.reward0);
      this.rewardsReady = true;
    }
    policyTableAt(policy, time, mu, game.nObs, game.nActions, this.pi);
  }
}

/**
 * The exact count-based simulator for exchangeable agents. Because agents are exchangeable and the
 * activation (uniform B-subset or Bernoulli) does not look at identities, the vector of counts
 * n_t(o) = N·μ̂_t(o) is itself a Markov chain, and one global step can be drawn in law exactly:
 *
 *   1. active counts k(o): uniform B-subset → multivariate hypergeometric (B draws from groups n(o));
 *      Bernoulli(p) → k(o) ~ Bin(n(o), p), independently; B = N → k = n;
 *   2. actions: c(o, ·) ~ Multinomial(k(o), π_t(·|o));
 *   3. moves: active c(o, a) agents → Multinomial(c(o, a), P(·|o, a, μ̂_t)); the n(o) − k(o) idle
 *      agents → Multinomial(n(o) − k(o), P0(·|o, μ̂_t)) (nothing to draw when P0 = id).
 *
 * Given the counts, the agents' draws in steps 2–3 are independent categorical draws, whose sums
 * are exactly these multinomials; so the counts follow the same law as the agent-by-agent
 * simulator's. Cost per step: O(|O|²|A|) sampler calls, each O(1) expected in N (see samplers.ts),
 * so N = 10^9 costs what N = 10^3 does. B = 1 is drawn directly: the active agent's state is o w.p.
 * n(o)/N, then its action and move are single categorical draws.
 * Round-robin activation is not exchangeable and is not supported here (use the agent simulator).
 */
import { MfkitError, type RandomStream } from "@mfkit/core";
import { roundedCounts } from "./agent-simulation.js";
import type { Activation, TemporalMeanFieldGame, TmfPolicy } from "./model.js";
import { sampleBinomial, sampleMultinomial, sampleMultivariateHypergeometric } from "./samplers.js";
import { StepTables } from "./step-tables.js";
import { validateActivationOrThrow, validateTmfGameOrThrow } from "./validation.js";

/** The counts n(o) of a population of N exchangeable agents, stepped in law. */
export class CountPopulation {
  readonly populationSize: number;
  /** Current counts (exact integers as doubles). */
  readonly counts: Float64Array;
  time = 0;
  private readonly nextCounts: Float64Array;
  private readonly activeCounts: Float64Array;
  private readonly actionCounts: Float64Array;
  private readonly moveCounts: Float64Array;
  private readonly tables: StepTables;
  /** When false, rewards are not evaluated and `step` returns 0 (faster for pure flow studies). */
  trackRewards = true;

  constructor(
    readonly game: TemporalMeanFieldGame,
    populationSize: number,
    readonly activation: Activation,
    initial: Float64Array = roundedCounts(game.mu0, populationSize),
  ) {
    validateTmfGameOrThrow(game);
    validateActivationOrThrow(activation, populationSize);
    if (activation.kind === "roundRobin") {
      throw new MfkitError(
        "invalid-argument",
        "round-robin activation is not exchangeable: use the agent-by-agent simulator",
        ["activation", "kind"],
      );
    }
    const nO = game.nObs;
    const nA = game.nActions;
    let total = 0;
    for (let o = 0; o < nO; o++) {
      if (!Number.isInteger(initial[o]) || initial[o] < 0) {
        throw new MfkitError(
          "invalid-argument",
          `initial count must be a non-negative integer, got ${initial[o]}`,
          ["initial", o],
        );
      }
      total += initial[o];
    }
    if (total !== populationSize) {
      throw new MfkitError("invalid-argument", `initial counts sum to ${total}, not N = ${populationSize}`, [
        "initial",
      ]);
    }
    this.populationSize = populationSize;
    this.counts = Float64Array.from(initial);
    this.nextCounts = new Float64Array(nO);
    this.tables = new StepTables(game);
    this.activeCounts = new Float64Array(nO);
    this.actionCounts = new Float64Array(nO * nA);
    this.moveCounts = new Float64Array(nO);
  }

  /** Sets the counts (they must sum to N) and rewinds the clock to t = 0. */
  reset(counts: Float64Array): void {
    this.counts.set(counts);
    this.time = 0;
  }

  /** μ̂ = counts/N into `out`. */
  empirical(out: Float64Array): Float64Array {
    for (let o = 0; o < out.length; o++) out[o] = this.counts[o] / this.populationSize;
    return out;
  }

  /** Advances one global step; returns the population's total reward this step. */
  step(policy: TmfPolicy, random: RandomStream): number {
    const game = this.game;
    const nO = game.nObs;
    const nA = game.nActions;
    const n = this.populationSize;
    const tables = this.tables;
    tables.refresh(this.counts, n, policy, this.time, this.trackRewards);
    const act = this.activation;
    if (act.kind !== "bernoulli" && act.batch === 1 && n > 1) return this.stepSingle(random);
    const k = this.activeCounts;
    if (act.kind === "bernoulli") {
      for (let o = 0; o < nO; o++) k[o] = sampleBinomial(this.counts[o], act.p, random);
    } else if (act.batch === n) {
      k.set(this.counts);
    } else {
      sampleMultivariateHypergeometric(this.counts, nO, act.batch, k, random);
    }

    const next = this.nextCounts;
    next.fill(0);
    let total = 0;
    for (let o = 0; o < nO; o++) {
      const idle = this.counts[o] - k[o];
      if (idle > 0) {
        total += idle * tables.reward0[o];
        if (game.passiveIsIdentity) next[o] += idle;
        else {
          sampleMultinomial(idle, tables.passive, o * nO, nO, this.moveCounts, 0, random);
          for (let m = 0; m < nO; m++) next[m] += this.moveCounts[m];
        }
      }
      if (k[o] === 0) {
        for (let a = 0; a < nA; a++) this.actionCounts[o * nA + a] = 0;
        continue;
      }
      sampleMultinomial(k[o], tables.pi, o * nA, nA, this.actionCounts, o * nA, random);
      for (let a = 0; a < nA; a++) {
        const c = this.actionCounts[o * nA + a];
        if (c === 0) continue;
        total += c * tables.reward[o * nA + a];
        sampleMultinomial(c, tables.kernel, (o * nA + a) * nO, nO, this.moveCounts, 0, random);
        for (let m = 0; m < nO; m++) next[m] += this.moveCounts[m];
      }
    }
    this.counts.set(next);
    this.time += 1;
    return total;
  }

  /**
   * B = 1: the active agent is uniform among the N, i.e. its state is o w.p. n(o)/N; its action and
   * move are single categorical draws (inversion). Idle agents move as in the general step.
   */
  private stepSingle(random: RandomStream): number {
    const game = this.game;
    const nO = game.nObs;
    const nA = game.nActions;
    const counts = this.counts;
    const tables = this.tables;
    let u = random.nextInt(this.populationSize);
    let from = 0;
    while (u >= counts[from]) u -= counts[from++];
    const a = categorical(tables.pi, from * nA, nA, random.next());
    const to = categorical(tables.kernel, (from * nA + a) * nO, nO, random.next());
    let total = 0;
    if (this.trackRewards) {
      total = tables.reward[from * nA + a];
      for (let o = 0; o < nO; o++) total += (o === from ? counts[o] - 1 : counts[o]) * tables.reward0[o];
    }
    if (game.passiveIsIdentity) {
      counts[from] -= 1;
      counts[to] += 1;
    } else {
      const next = this.nextCounts;
      next.fill(0);
      next[to] += 1;
      for (let o = 0; o < nO; o++) {
        const idle = o === from ? counts[o] - 1 : counts[o];
        if (idle === 0) continue;
        sampleMultinomial(idle, tables.passive, o * nO, nO, this.moveCounts, 0, random);
        for (let m = 0; m < nO; m++) next[m] += this.moveCounts[m];
      }
      counts.set(next);
    }
    this.time += 1;
    return total;
  }
}

/** Inversion draw from the row `p[offset .. offset+length)` (assumed to sum to 1). */
function categorical(p: Float64Array, offset: number, length: number, u: number): number {
  let last = 0;
  for (let i = 0; i < length; i++) {
    const w = p[offset + i];
    if (!(w > 0)) continue;
    if (u < w) return i;
    u -= w;
    last = i;
  }
  return last;
}

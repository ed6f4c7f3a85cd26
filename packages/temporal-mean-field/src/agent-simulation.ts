/**
 * The agent-by-agent finite-N simulator: the reference semantics of the TMF N-agent system
 * (docs/temporal-mean-field.md §1). Each agent's state is one entry of an Int32Array.
 *
 * Global step t → t+1 (all agents see the same μ̂_t):
 *   1. draw the active set ℬ_t: a uniform B-subset (a partial Fisher–Yates shuffle of a persistent
 *      permutation, O(B), when B is small and P0 = id; otherwise selection sampling, one sequential
 *      pass with P(i active) = (B − chosen)/(N − i)); Bernoulli(p) coins; or the round-robin window
 *      (i + t·B) mod N;
 *   2. each active agent draws (a, o') from π_t(a|o)P(o'|o, a, μ̂_t) with one uniform through an
 *      alias table per o (built once per step), earns r(o, a, μ̂_t). In the all-active hot loop the
 *      uniforms come from a register-resident xoshiro128** seeded from the run's stream at every
 *      step and have 32 bits, so cell probabilities are resolved to |A||O|·2^-32;
 *   3. each idle agent earns r0(o, μ̂_t) and moves by P0(·|o, μ̂_t) (skipped when P0 = id).
 * Work per step is O(B) when P0 = id and activation is a B-subset, O(N) otherwise, plus
 * O(|O|²|A|) to rebuild the tables.
 *
 * This is the one implementation of the agent-by-agent step: sample-mode TMF-PG (`rolloutEpisode`)
 * steps an AgentPopulation too, with the step options below — r, P, P0 evaluated at a fixed flow in
 * place of μ̂_t, and a per-agent record of actions and rewards (which consumes the same random
 * numbers as an unrecorded step, so it does not change the run).
 */
import { AliasTable, createAliasTable, MfkitError, type RandomStream } from "@mfkit/core";
import type { Activation, TemporalMeanFieldGame, TmfPolicy } from "./model.js";
import { StepTables } from "./step-tables.js";
import { validateActivationOrThrow, validateTmfGameOrThrow } from "./validation.js";

/**
 * Below N/this many active agents (with P0 = id) the active set is drawn by a partial Fisher–Yates
 * shuffle (O(B) random accesses); above it by one sequential selection-sampling pass (O(N)).
 */
const SEQUENTIAL_SELECTION_RATIO = 32;

/** Options of {@link AgentPopulation.step}. */
export interface AgentStepOptions {
  /**
   * Evaluate r, P, P0 (and a μ-dependent policy) at this distribution over O instead of μ̂_t: the
   * agents play against a population held fixed.
   */
  meanField?: Float64Array;
  /** Per agent i, the action taken this step (−1 when idle), written at `[i]` (length ≥ N). */
  actions?: Int32Array;
  /** Per agent i, the reward earned this step, written at `[i]` (length ≥ N); requires `actions`. */
  rewards?: Float64Array;
}

/** A population of N agents, stepped in place. */
export class AgentPopulation {
  readonly populationSize: number;
  readonly states: Int32Array;
  /** Current counts #{i : o^i = o} (exact integers). */
  readonly counts: Float64Array;
  /** Global step index t of the next step. */
  time = 0;
  private readonly nextCounts: Float64Array;
  private readonly tables: StepTables;
  private readonly joint: Float64Array;
  /** Per state o, the alias table of the joint law (a, o′) ∝ π(a|o)P(o′|o, a). */
  private readonly activeAlias: AliasTable[];
  /** Per state o, the alias table of the passive row P0(·|o). */
  private readonly passiveAlias: AliasTable[];
  /** The active tables flattened (keep, alias per (o, column)) for the all-active hot loop. */
  private readonly flatKeep: Float64Array;
  private readonly flatAlias: Int32Array;
  private readonly actionOf: Int32Array;
  private readonly nextOf: Int32Array;
  private readonly decisionCounts: Float64Array;
  private readonly idleCounts: Float64Array;
  private readonly permutation: Int32Array;
  private readonly activeFlag: Uint8Array;
  private readonly branchDestination: Int32Array;
  private readonly branchTally: Int32Array;
  /** Per branch slot of the hot loop, the next state, action and reward (filled when recording). */
  private readonly branchNext: Int32Array;
  private readonly branchAction: Int32Array;
  private readonly branchReward: Float64Array;
  /** The record of the step in progress (undefined when not recording). */
  private recordActions: Int32Array | undefined = undefined;
  private recordRewards: Float64Array | undefined = undefined;
  private roundRobinOffset = 0;

  constructor(
    readonly game: TemporalMeanFieldGame,
    populationSize: number,
    readonly activation: Activation,
    initial: Int32Array | Float64Array = game.mu0,
    random?: RandomStream,
  ) {
    validateTmfGameOrThrow(game);
    validateActivationOrThrow(activation, populationSize);
    this.populationSize = populationSize;
    const nO = game.nObs;
    const nA = game.nActions;
    this.states = new Int32Array(populationSize);
    this.counts = new Float64Array(nO);
    this.nextCounts = new Float64Array(nO);
    this.tables = new StepTables(game);
    this.joint = new Float64Array(nA * nO);
    this.activeAlias = Array.from({ length: nO }, () => new AliasTable(nA * nO));
    this.passiveAlias = Array.from({ length: nO }, () => new AliasTable(nO));
    this.flatKeep = new Float64Array(nO * nA * nO);
    this.flatAlias = new Int32Array(nO * nA * nO);
    this.actionOf = new Int32Array(nA * nO);
    this.nextOf = new Int32Array(nA * nO);
    for (let a = 0; a < nA; a++) {
      for (let n = 0; n < nO; n++) {
        this.actionOf[a * nO + n] = a;
        this.nextOf[a * nO + n] = n;
      }
    }
    this.decisionCounts = new Float64Array(nO * nA);
    this.idleCounts = new Float64Array(nO);
    this.permutation = new Int32Array(populationSize);
    for (let i = 0; i < populationSize; i++) this.permutation[i] = i;
    this.activeFlag = new Uint8Array(populationSize);
    this.branchDestination = new Int32Array(2 * nO * nA * nO);
    this.branchTally = new Int32Array(2 * nO * nA * nO);
    this.branchNext = new Int32Array(2 * nO * nA * nO);
    this.branchAction = new Int32Array(2 * nO * nA * nO);
    this.branchReward = new Float64Array(2 * nO * nA * nO);
    if (initial instanceof Int32Array) {
      this.states.set(initial);
    } else {
      if (random === undefined) this.assignDeterministic(initial);
      else this.assignRandom(initial, random);
    }
    for (let i = 0; i < populationSize; i++) this.counts[this.states[i]] += 1;
  }

  /** Agents placed by largest-remainder rounding of N·μ0 (deterministic initial configuration). */
  private assignDeterministic(mu0: Float64Array): void {
    const counts = roundedCounts(mu0, this.populationSize);
    let i = 0;
    for (let o = 0; o < counts.length; o++) for (let c = 0; c < counts[o]; c++) this.states[i++] = o;
  }

  /** Agents drawn i.i.d. from μ0. */
  private assignRandom(mu0: Float64Array, random: RandomStream): void {
    const alias = createAliasTable(mu0);
    for (let i = 0; i < this.populationSize; i++) this.states[i] = alias.sample(random.next());
  }

  /** Puts the agents in the given states and rewinds the clock to t = 0. */
  reset(states: Int32Array): void {
    this.states.set(states);
    this.rewind();
  }

  /** Draws every agent's state i.i.d. from `mu` (one uniform each) and rewinds the clock to t = 0. */
  resetRandom(mu: Float64Array, random: RandomStream): void {
    this.assignRandom(mu, random);
    this.rewind();
  }

  private rewind(): void {
    this.counts.fill(0);
    for (let i = 0; i < this.populationSize; i++) this.counts[this.states[i]] += 1;
    this.time = 0;
    this.roundRobinOffset = 0;
  }

  /** The empirical distribution μ̂ = counts/N, written into `out`. */
  empirical(out: Float64Array): Float64Array {
    for (let o = 0; o < out.length; o++) out[o] = this.counts[o] / this.populationSize;
    return out;
  }

  private prepare(policy: TmfPolicy, meanField: Float64Array | undefined): void {
    const game = this.game;
    const nO = game.nObs;
    const nA = game.nActions;
    const tables = this.tables;
    tables.refresh(this.counts, this.populationSize, policy, this.time, true, meanField);
    for (let o = 0; o < nO; o++) {
      for (let a = 0; a < nA; a++) {
        const p = tables.pi[o * nA + a];
        const row = (o * nA + a) * nO;
        for (let n = 0; n < nO; n++) this.joint[a * nO + n] = p * tables.kernel[row + n];
      }
      this.activeAlias[o].build(this.joint);
      if (!game.passiveIsIdentity) this.passiveAlias[o].build(tables.passive, o * nO, nO);
    }
    this.decisionCounts.fill(0);
    this.idleCounts.fill(0);
    this.nextCounts.set(this.counts);
  }

  /**
   * Advances one global step under `policy`; returns the population's total reward this step
   * (Σ_i r^i_t). `options` evaluate the step at a fixed mean field and/or record each agent's action
   * and reward; a recorded step draws the same random numbers as an unrecorded one.
   */
  step(policy: TmfPolicy, random: RandomStream, options?: AgentStepOptions): number {
    this.prepare(policy, options?.meanField);
    this.beginRecord(options?.actions, options?.rewards);
    this.move(random);
    this.recordActions = undefined;
    this.recordRewards = undefined;
    this.counts.set(this.nextCounts);
    this.time += 1;
    return this.stepReward();
  }

  /**
   * Sets (or clears) the per-agent record of this step: idle agents get −1 and r0(o) up front,
   * moveActive and the hot loop overwrite the active ones (with B = N, every one).
   */
  private beginRecord(actions: Int32Array | undefined, rewards: Float64Array | undefined): void {
    const n = this.populationSize;
    const act = this.activation;
    if (rewards !== undefined && actions === undefined) {
      throw new MfkitError("invalid-argument", "recording rewards requires an actions array", ["rewards"]);
    }
    if (actions !== undefined) {
      if (actions.length < n || (rewards !== undefined && rewards.length < n)) {
        throw new MfkitError("invalid-shape", `step records need length ≥ N = ${n}`, ["actions"]);
      }
      const everyone = act.kind !== "bernoulli" && act.batch === n;
      if (!everyone) actions.fill(-1, 0, n);
      if (rewards !== undefined && !everyone) {
        const reward0 = this.tables.reward0;
        for (let i = 0; i < n; i++) rewards[i] = reward0[this.states[i]];
      }
    }
    // Always (re)set, so a record never outlives its step.
    this.recordActions = actions;
    this.recordRewards = rewards;
  }

  /** Steps 1–3 of the module comment: who acts, then every agent's draw and move. */
  private move(random: RandomStream): void {
    const n = this.populationSize;
    const act = this.activation;
    const identity = this.game.passiveIsIdentity;
    if (act.kind === "bernoulli") {
      const p = act.p;
      for (let i = 0; i < n; i++) {
        if (random.next() < p) this.moveActive(i, random);
        else this.moveIdle(i, random, identity);
      }
    } else if (act.batch === n) {
      this.moveAllActive(random);
    } else {
      const b = act.batch;
      if (act.kind === "uniform" && (!identity || b * SEQUENTIAL_SELECTION_RATIO >= n)) {
        // Selection sampling (Knuth's Algorithm S): agent i is active w.p. (B − chosen)/(N − i),
        // which gives a uniform B-subset in one sequential pass (cache-friendly when B is large).
        let remaining = b;
        for (let i = 0; i < n; i++) {
          if (remaining > 0 && random.next() * (n - i) < remaining) {
            remaining -= 1;
            this.moveActive(i, random);
          } else this.moveIdle(i, random, identity);
        }
      } else {
        const perm = this.permutation;
        if (act.kind === "uniform") {
          // Partial Fisher–Yates: the first B entries of the permutation are a uniform B-subset.
          for (let k = 0; k < b; k++) {
            const j = k + random.nextInt(n - k);
            const tmp = perm[k];
            perm[k] = perm[j];
            perm[j] = tmp;
          }
        } else {
          for (let k = 0; k < b; k++) perm[k] = (this.roundRobinOffset + k) % n;
          this.roundRobinOffset = (this.roundRobinOffset + b) % n;
        }
        if (identity) {
          for (let k = 0; k < b; k++) this.moveActive(perm[k], random);
          const nA = this.game.nActions;
          for (let o = 0; o < this.game.nObs; o++) {
            let active = 0;
            for (let a = 0; a < nA; a++) active += this.decisionCounts[o * nA + a];
            this.idleCounts[o] = this.counts[o] - active;
          }
        } else {
          const flag = this.activeFlag;
          for (let k = 0; k < b; k++) flag[perm[k]] = 1;
          for (let i = 0; i < n; i++) {
            if (flag[i] === 1) {
              flag[i] = 0;
              this.moveActive(i, random);
            } else this.moveIdle(i, random, false);
          }
        }
      }
    }
  }

  private moveActive(i: number, random: RandomStream): void {
    const o = this.states[i];
    const j = this.activeAlias[o].sample(random.next());
    const a = this.actionOf[j];
    const next = this.nextOf[j];
    this.states[i] = next;
    this.nextCounts[o] -= 1;
    this.nextCounts[next] += 1;
    const cell = o * this.game.nActions + a;
    this.decisionCounts[cell] += 1;
    if (this.recordActions !== undefined) this.recordActive(i, a, cell);
  }

  /** Writes agent i's action and reward into the step's record (kept out of moveActive's body). */
  private recordActive(i: number, a: number, cell: number): void {
    this.recordActions![i] = a;
    if (this.recordRewards !== undefined) this.recordRewards[i] = this.tables.reward[cell];
  }

  private moveIdle(i: number, random: RandomStream, identity: boolean): void {
    const o = this.states[i];
    this.idleCounts[o] += 1;
    if (identity) return;
    const next = this.passiveAlias[o].sample(random.next());
    if (next !== o) {
      this.states[i] = next;
      this.nextCounts[o] -= 1;
      this.nextCounts[next] += 1;
    }
  }

  /** The hot loop of B = N: every agent acts. */
  private moveAllActive(random: RandomStream): void {
    const states = this.states;
    const nO = this.game.nObs;
    const nA = this.game.nActions;
    const width = nA * nO;
    const threshold = this.flatKeep;
    const aliasOf = this.flatAlias;
    for (let o = 0; o < nO; o++) {
      threshold.set(this.activeAlias[o].keep, o * width);
      aliasOf.set(this.activeAlias[o].alias, o * width);
    }
    // Branch table: slot 2·idx + 0 keeps column c of alias cell idx, slot 2·idx + 1 takes its alias;
    // dest[slot] is the next state, tally[slot] counts the agents (aggregated after the loop).
    const dest = this.branchDestination;
    const tally = this.branchTally;
    for (let idx = 0; idx < nO * width; idx++) {
      dest[2 * idx] = this.nextOf[idx % width];
      dest[2 * idx + 1] = this.nextOf[aliasOf[idx]];
    }
    tally.fill(0);
    // Recording (TMF-PG): the loop below stays as it is but writes each agent's slot in place of its
    // next state (dest[slot] = slot); the pass after it decodes slot → next state, action, reward.
    const actions = this.recordActions;
    const slotNext = this.branchNext;
    const slotAction = this.branchAction;
    const slotReward = this.branchReward;
    if (actions !== undefined) {
      const reward = this.tables.reward;
      for (let idx = 0; idx < nO * width; idx++) {
        const o = (idx / width) | 0;
        for (let branch = 0; branch < 2; branch++) {
          const slot = 2 * idx + branch;
          const a = this.actionOf[branch === 0 ? idx % width : aliasOf[idx]];
          slotNext[slot] = dest[slot];
          slotAction[slot] = a;
          slotReward[slot] = reward[o * nA + a];
          dest[slot] = slot;
        }
      }
    }
    const n = this.populationSize;
    const scale = width / 4294967296;
    // A local xoshiro128** whose state lives in registers, seeded from the run's stream each step
    // (deterministic given the seed; a method call per draw would dominate this loop).
    let s0 = random.nextUint32() | 0;
    let s1 = random.nextUint32() | 0;
    let s2 = random.nextUint32() | 0;
    let s3 = random.nextUint32() | 0;
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
    for (let i = 0; i < n; i++) {
      const m = Math.imul(s1, 5);
      const word = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = (s3 << 11) | (s3 >>> 21);
      const x = word * scale;
      const c = x | 0;
      const idx = states[i] * width + c;
      const slot = 2 * idx + +(x - c >= threshold[idx]);
      states[i] = dest[slot];
      tally[slot] += 1;
    }
    if (actions !== undefined) {
      const rewards = this.recordRewards;
      for (let i = 0; i < n; i++) {
        const slot = states[i];
        states[i] = slotNext[slot];
        actions[i] = slotAction[slot];
        if (rewards !== undefined) rewards[i] = slotReward[slot];
      }
    }
    const next = this.nextCounts;
    const decisions = this.decisionCounts;
    next.fill(0);
    for (let idx = 0; idx < nO * width; idx++) {
      const o = (idx / width) | 0;
      for (let branch = 0; branch < 2; branch++) {
        const count = tally[2 * idx + branch];
        if (count === 0) continue;
        const j = branch === 0 ? idx % width : aliasOf[idx];
        next[this.nextOf[j]] += count;
        decisions[o * nA + this.actionOf[j]] += count;
      }
    }
  }

  private stepReward(): number {
    const nO = this.game.nObs;
    const nA = this.game.nActions;
    let total = 0;
    for (let o = 0; o < nO; o++) {
      for (let a = 0; a < nA; a++) total += this.decisionCounts[o * nA + a] * this.tables.reward[o * nA + a];
      total += this.idleCounts[o] * this.tables.reward0[o];
    }
    return total;
  }
}

/** Largest-remainder rounding of N·μ to integers summing to N. */
export function roundedCounts(mu: ArrayLike<number>, populationSize: number): Float64Array {
  const k = mu.length;
  const counts = new Float64Array(k);
  const remainders: Array<[number, number]> = [];
  let assigned = 0;
  for (let o = 0; o < k; o++) {
    const exact = mu[o] * populationSize;
    counts[o] = Math.floor(exact);
    assigned += counts[o];
    remainders.push([exact - counts[o], o]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let r = 0; assigned < populationSize; r = (r + 1) % k) {
    counts[remainders[r][1]] += 1;
    assigned += 1;
  }
  return counts;
}

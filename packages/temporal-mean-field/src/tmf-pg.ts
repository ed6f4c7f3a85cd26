/**
 * TMF-PG (docs/temporal-mean-field.md §5): policy gradient on tabular time-indexed softmax logits
 * θ_t(o, a), π_t = softmax(θ_t(o, ·)), with the population flow held fixed inside an inner loop of
 * M updates (the Nash gradient; differentiating through μ would optimise the social objective).
 *
 *   for k = 0..K−1:
 *     flow = exact ? recursion(π_θ, ρ)
 *                  : μ̂ of one N-agent rollout, pooled with the empirical flows of iteration k−1's
 *                    gradient rollouts (`poolFlows`)
 *     repeat M times:
 *       exact:  g_t(o,a) = γ^t μ_t(o) ρ π_t(a|o) (Q_t(o,a) − Σ_b π_t(b|o) Q_t(o,b)),
 *               Q = randomActivation Q of π against `flow`
 *       sample: E episodes of N agents playing against the fixed flow (r, P, P0 at `flow_t`); per
 *               active decision a target y (population critic r + γ V̄_{t+1}(o'), or the return G)
 *               and g = estimate of the exact gradient (expected or sampled score, see
 *               `sampledPolicyGradient`)
 *       θ ← θ + α_k g,   α_k = α/(1 + k/stepDecay)
 *   return softmax(θ̄), θ̄ the mean of θ over k ≥ averageFrom·K (sample mode; exact: the last θ)
 *
 * With an entropy weight λ > 0 the objective is the λ-regularised one (an entropy bonus λH(π_t(·|o))
 * at each active decision): the exact mode uses A = Q^λ − λ log π, the sample mode adds −λ log π(a|o)
 * to the reward of each active step; both then converge to the regularised equilibrium that PMD on
 * the augmented game finds.
 *
 * Our choices for the note's open points: M = 10; exact: α = 0.5 constant, last iterate; sample:
 * α_k = 2/(1 + k/20), tail average from K/2, population critic blended over ≈ 20 batches, expected
 * score, pooled flows, E = 1; tabular policy, λ = 0, uniform initial policy. Passive steps add no
 * score term but their rewards enter the targets. The exploitability reported per outer iteration is
 * the exact mean-field one (`randomActivation`, rate ρ) of the reported policy.
 */
import { createRandomStream, MfkitError, type RandomStream } from "@mfkit/core";
import { softmaxInto } from "@mfkit/mean-field";
import { AgentPopulation } from "./agent-simulation.js";
import type { Activation, TemporalMeanFieldGame } from "./model.js";
import { activationRate } from "./model.js";
import { meanFieldFlow } from "./recursion.js";
import { validateActivationOrThrow, validateRate, validateTmfGameOrThrow } from "./validation.js";
import { tmfExploitability, tmfValues } from "./values.js";

/** Options of {@link tmfPolicyGradient} (defaults in the module comment). */
export interface TmfPgOptions {
  /** `exact` gradients on the mean-field flow, or `sample` gradients from N-agent rollouts. */
  mode?: "exact" | "sample";
  /** Activation rate ρ of the exact mode (default 1); in sample mode ρ is the activation's. */
  rho?: number;
  /** Sample mode: N (default 1000). */
  populationSize?: number;
  /** Sample mode: who acts (default uniform with B = ρN). */
  activation?: Activation;
  /** Outer iterations K (default 200). */
  iterations?: number;
  /** Inner updates M with the flow held fixed (default 10; 1 = single loop). */
  innerSteps?: number;
  /** Step α (default 0.5 exact, 2 sample). */
  stepSize?: number;
  /** Step schedule: α_k = α/(1 + k/stepDecay) at outer iteration k (0: constant α; default 0 exact, 20 sample). */
  stepDecay?: number;
  /**
   * Polyak–Ruppert tail averaging: from outer iteration ⌈averageFrom·K⌉ on, the reported policy is
   * softmax(θ̄) with θ̄ the running mean of the logits θ_k (the rollouts keep using the current θ_k).
   * A fraction in [0, 1]; 1 turns averaging off (default 0.5 in sample mode, 1 in exact mode).
   */
  averageFrom?: number;
  /** Entropy weight λ ≥ 0 of the regularised objective (default 0). */
  entropy?: number;
  /** Sample mode: gradient weighting, `visits` (unbiased exact gradient) or `state` (see below). */
  weighting?: "visits" | "state";
  /** Sample mode: baseline, `batch` (leave-one-out mean per (t, o), default) or `running`. */
  baseline?: "batch" | "running";
  /** Sample mode: target, `population` (r + γ·leave-one-out population value, default) or `returns` (G). */
  critic?: "returns" | "population";
  /**
   * Sample mode: `expected` (default) weighs each action's mean target Ȳ_a by π(a) in place of the
   * sampled score (e_a − π), removing the noise of the action draws; `sampled` is REINFORCE's.
   */
  score?: "sampled" | "expected";
  /**
   * Sample mode, population critic: V̄ ← V̄ + β(V̂ − V̄) over gradient batches with
   * β = 1/min(criticWindow, batches), so V̄ averages the last ≈ criticWindow batches (default 20; 1: this
   * batch only, exactly unbiased).
   */
  criticWindow?: number;
  /**
   * Sample mode: estimate the flow of outer iteration k by pooling its fresh N-agent rollout with the
   * empirical flows of iteration k − 1's gradient rollouts (default true; false: the fresh rollout only).
   */
  poolFlows?: boolean;
  /** Sample mode: episodes per update E (default 1). */
  episodes?: number;
  /** Initial logits (default 0: the uniform policy). */
  logits0?: Float64Array;
  seed?: number | string;
  /** Evaluate the exploitability every this many outer iterations (default 1; the last is always). */
  evalEvery?: number;
  signal?: AbortSignal;
  onIteration?: (k: number, exploitability: number | undefined) => void;
}

/** The learned policy and its learning curves. */
export interface TmfPgResult {
  /** The final policy π_θ (time-indexed): softmax of the averaged logits when averaging is on. */
  policy: Float64Array;
  /** The logits of `policy` (the tail average θ̄ when averaging is on). */
  logits: Float64Array;
  /** Exploitability at each evaluated outer iteration (index in `evaluatedIterations`). */
  exploitability: number[];
  evaluatedIterations: number[];
  /** λ-regularised exploitability at each evaluated iteration (only when λ > 0). */
  regularizedExploitability?: number[];
  /** Mean-field return J(π_θ) per agent at each evaluated iteration. */
  returns: number[];
  runtimeMs: number[];
  iterations: number;
  interrupted: boolean;
}

/** π_t(·|o) = softmax(θ_t(o, ·)) for every (t, o), written into `out` (mean-field's softmaxInto). */
export function softmaxPolicy(
  logits: Float64Array,
  nActions: number,
  out: Float64Array = new Float64Array(logits.length),
): Float64Array {
  softmaxInto(logits, logits.length / nActions, nActions, 1, out);
  return out;
}

/**
 * The exact Nash gradient of the note (§5) at a fixed `flow`, for the λ-regularised objective:
 * g_t(o,a) = γ^t μ_t(o) ρ π_t(a|o) (A_t(o,a) − Σ_b π_t(b|o) A_t(o,b)) with A = Q^λ − λ log π and
 * Q^λ the regularised randomActivation Q of π against the flow (λ = 0: the plain gradient).
 */
export function exactPolicyGradient(
  game: TemporalMeanFieldGame,
  policy: Float64Array,
  flow: Float64Array,
  rho: number,
  entropy: number,
  out: Float64Array,
): Float64Array {
  const nO = game.nObs;
  const nA = game.nActions;
  const { Q } = tmfValues(game, flow, rho, policy, { entropy });
  let discount = 1;
  for (let t = 0; t <= game.horizon; t++) {
    for (let o = 0; o < nO; o++) {
      const base = (t * nO + o) * nA;
      const weight = discount * flow[t * nO + o] * rho;
      let mean = 0;
      for (let a = 0; a < nA; a++) {
        const p = policy[base + a];
        const adv = Q[base + a] - (entropy > 0 && p > 0 ? entropy * Math.log(p) : 0);
        out[base + a] = adv;
        mean += p * adv;
      }
      for (let a = 0; a < nA; a++) out[base + a] = weight * policy[base + a] * (out[base + a] - mean);
    }
    discount *= game.discount;
  }
  return out;
}

/**
 * The buffers of one {@link rolloutEpisode} (its outputs, and the population it steps), reusable
 * across episodes.
 */
export class RolloutBuffers {
  /** o^i_t at `[t·N + i]`. */
  readonly states: Int32Array;
  /** a^i_t at `[t·N + i]`, −1 when idle. */
  readonly actions: Int32Array;
  /** r^i_t at `[t·N + i]`. */
  readonly rewards: Float64Array;
  /** μ̂_t at `[t·|O| + o]`. */
  readonly empirical: Float64Array;
  /** The N agents, stepped by the agent-by-agent simulator. */
  readonly population: AgentPopulation;

  constructor(game: TemporalMeanFieldGame, populationSize: number, activation: Activation) {
    const cells = (game.horizon + 1) * populationSize;
    this.population = new AgentPopulation(game, populationSize, activation);
    this.states = new Int32Array(cells);
    this.actions = new Int32Array(cells);
    this.rewards = new Float64Array(cells);
    this.empirical = new Float64Array((game.horizon + 1) * game.nObs);
  }
}

/**
 * One N-agent episode of T + 1 epochs, stepped by the agent-by-agent simulator (`AgentPopulation`,
 * the reference semantics): initial states i.i.d. from μ0, then T + 1 steps. With `flow` set, every
 * agent's r, P, P0 are evaluated at flow_t (the population held fixed); otherwise at the rollout's
 * own μ̂_t. Records states, actions (−1 idle) and rewards per (t, i), and the empirical flow, into
 * `buffers` (returned; pass the same buffers again to reuse them, which overwrites the previous
 * episode; they must have been made for this game, N and activation).
 */
export function rolloutEpisode(
  game: TemporalMeanFieldGame,
  policy: Float64Array,
  populationSize: number,
  activation: Activation,
  random: RandomStream,
  flow?: Float64Array,
  buffers: RolloutBuffers = new RolloutBuffers(game, populationSize, activation),
): RolloutBuffers {
  const nO = game.nObs;
  const n = populationSize;
  const T = game.horizon;
  const { states, actions, rewards, empirical, population } = buffers;
  const made = population.activation;
  const sameActivation =
    made.kind === activation.kind &&
    (made.kind === "bernoulli"
      ? made.p === (activation as typeof made).p
      : made.batch === (activation as typeof made).batch);
  if (population.game !== game || population.populationSize !== n || !sameActivation) {
    throw new MfkitError(
      "invalid-argument",
      "rolloutEpisode: the buffers were made for another game, population size or activation",
      ["buffers"],
    );
  }
  population.resetRandom(game.mu0, random);
  for (let t = 0; t <= T; t++) {
    population.empirical(empirical.subarray(t * nO, (t + 1) * nO));
    states.set(population.states, t * n);
    population.step(policy, random, {
      meanField: flow?.subarray(t * nO, (t + 1) * nO),
      actions: actions.subarray(t * n, (t + 1) * n),
      rewards: rewards.subarray(t * n, (t + 1) * n),
    });
  }
  return buffers;
}

/** Runs TMF-PG; see the module comment for the algorithm and our defaults. */
export function tmfPolicyGradient(game: TemporalMeanFieldGame, options: TmfPgOptions = {}): TmfPgResult {
  validateTmfGameOrThrow(game);
  const mode = options.mode ?? "exact";
  if (mode !== "exact" && mode !== "sample") {
    throw new MfkitError("unknown-name", `unknown TMF-PG mode ${mode}`, ["mode"]);
  }
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  const size = (T + 1) * nO * nA;
  const K = options.iterations ?? 200;
  const M = options.innerSteps ?? 10;
  const alpha = options.stepSize ?? (mode === "exact" ? 0.5 : 2);
  const lambda = options.entropy ?? 0;
  const episodes = options.episodes ?? 1;
  const evalEvery = options.evalEvery ?? 1;
  for (const [name, value, min] of [
    ["iterations", K, 0],
    ["innerSteps", M, 1],
    ["episodes", episodes, 1],
    ["evalEvery", evalEvery, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new MfkitError("invalid-argument", `${name} must be an integer ≥ ${min}, got ${value}`, [name]);
    }
  }
  if (!(alpha > 0 && Number.isFinite(alpha))) {
    throw new MfkitError("invalid-argument", `stepSize must be positive, got ${alpha}`, ["stepSize"]);
  }
  const decay = options.stepDecay ?? (mode === "exact" ? 0 : 20);
  if (!(decay >= 0 && Number.isFinite(decay))) {
    throw new MfkitError("invalid-argument", `stepDecay must be ≥ 0, got ${decay}`, ["stepDecay"]);
  }
  if (!(lambda >= 0))
    throw new MfkitError("invalid-argument", `entropy must be ≥ 0, got ${lambda}`, ["entropy"]);
  let rho = options.rho ?? 1;
  let activation: Activation | undefined;
  const n = options.populationSize ?? 1000;
  if (mode === "sample") {
    activation = options.activation ?? { kind: "uniform", batch: Math.max(1, Math.round(rho * n)) };
    validateActivationOrThrow(activation, n);
    rho = activationRate(activation, n);
  }
  validateRate(rho);
  const logits = options.logits0 ? Float64Array.from(options.logits0) : new Float64Array(size);
  if (logits.length !== size) {
    throw new MfkitError("invalid-shape", `logits0 has length ${logits.length}, expected ${size}`, [
      "logits0",
    ]);
  }
  const current = softmaxPolicy(logits, nA);
  const averageFrom = options.averageFrom ?? (mode === "sample" ? 0.5 : 1);
  if (!(averageFrom >= 0 && averageFrom <= 1)) {
    throw new MfkitError("invalid-argument", `averageFrom must be in [0, 1], got ${averageFrom}`, [
      "averageFrom",
    ]);
  }
  // Averaging covers the iterates θ_k with k ≥ firstAveraged (none when averageFrom = 1).
  const firstAveraged = averageFrom >= 1 ? Number.POSITIVE_INFINITY : Math.ceil(averageFrom * K);
  const averagedLogits = new Float64Array(size);
  const averagedPolicy = new Float64Array(size);
  let averaged = 0;
  const gradient = new Float64Array(size);
  const settings: SampleSettings = {
    critic: options.critic ?? "population",
    baseline: options.baseline ?? "batch",
    weighting: options.weighting ?? "visits",
    score: options.score ?? "expected",
    criticWindow: options.criticWindow ?? 20,
  };
  const cellsPerBatch = mode === "sample" ? (T + 1) * n * episodes : 0;
  const work: SampleWorkspace = {
    returns: new Float64Array(cellsPerBatch),
    immediate: new Float64Array(cellsPerBatch),
    target: new Float64Array(cellsPerBatch),
    valueSum: new Float64Array((T + 1) * nO),
    valueCount: new Float64Array((T + 1) * nO),
    actionSum: new Float64Array(mode === "sample" ? size : 0),
    actionCount: new Float64Array(mode === "sample" ? size : 0),
    valueAverage: new Float64Array((T + 1) * nO),
    valueSeen: new Uint8Array((T + 1) * nO),
    batches: 0,
    stateOf: new Int32Array(cellsPerBatch),
    actionOf: new Int32Array(cellsPerBatch),
    batchSum: new Float64Array((T + 1) * nO),
    batchCount: new Float64Array((T + 1) * nO),
    flowSum: new Float64Array((T + 1) * nO),
    flowCount: 0,
    flowRollout: activation ? new RolloutBuffers(game, n, activation) : undefined,
    gradientRollout: activation ? new RolloutBuffers(game, n, activation) : undefined,
  };
  const pooling = options.poolFlows ?? true;
  const baselineSum = new Float64Array((T + 1) * nO);
  const baselineCount = new Float64Array((T + 1) * nO);
  const random = createRandomStream(options.seed ?? 0, 17);
  const result: TmfPgResult = {
    policy: current,
    logits,
    exploitability: [],
    evaluatedIterations: [],
    returns: [],
    ...(lambda > 0 ? { regularizedExploitability: [] } : {}),
    runtimeMs: [],
    iterations: 0,
    interrupted: false,
  };
  const start = performance.now();
  const evaluate = (k: number) => {
    const policy = averaged > 0 ? averagedPolicy : current;
    const flow = meanFieldFlow(game, policy, rho);
    const e = tmfExploitability(game, policy, rho);
    if (lambda > 0)
      result.regularizedExploitability!.push(tmfExploitability(game, policy, rho, { entropy: lambda }));
    const { V } = tmfValues(game, flow, rho, policy);
    let j = 0;
    for (let o = 0; o < nO; o++) j += game.mu0[o] * V[o];
    result.exploitability.push(e);
    result.evaluatedIterations.push(k);
    result.returns.push(j);
    result.runtimeMs.push(performance.now() - start);
    return e;
  };
  const initial = evaluate(0);
  options.onIteration?.(0, initial);
  for (let k = 0; k < K; k++) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      break;
    }
    let flow: Float64Array;
    if (mode === "exact") flow = meanFieldFlow(game, current, rho);
    else {
      flow = rolloutEpisode(game, current, n, activation!, random, undefined, work.flowRollout).empirical;
      if (pooling && work.flowCount > 0) {
        // Pool the fresh self-consistent rollout with the empirical flows of the previous
        // iteration's gradient rollouts (each an N-agent sample of the population under π).
        for (let i = 0; i < flow.length; i++) flow[i] = (flow[i] + work.flowSum[i]) / (1 + work.flowCount);
      }
      work.flowSum.fill(0);
      work.flowCount = 0;
    }
    for (let m = 0; m < M; m++) {
      if (mode === "exact") {
        exactPolicyGradient(game, current, flow, rho, lambda, gradient);
      } else {
        sampledPolicyGradient(
          game,
          current,
          flow,
          n,
          activation!,
          episodes,
          lambda,
          settings,
          baselineSum,
          baselineCount,
          work,
          random,
          gradient,
        );
      }
      const step = decay > 0 ? alpha / (1 + k / decay) : alpha;
      for (let i = 0; i < size; i++) logits[i] += step * gradient[i];
      softmaxPolicy(logits, nA, current);
    }
    if (k + 1 >= firstAveraged) {
      averaged += 1;
      for (let i = 0; i < size; i++) averagedLogits[i] += (logits[i] - averagedLogits[i]) / averaged;
      softmaxPolicy(averagedLogits, nA, averagedPolicy);
    }
    result.iterations = k + 1;
    const last = k + 1 === K;
    const e = (k + 1) % evalEvery === 0 || last ? evaluate(k + 1) : undefined;
    options.onIteration?.(k + 1, e);
  }
  if (averaged > 0) {
    result.policy = averagedPolicy;
    result.logits = averagedLogits;
  }
  return result;
}

/**
 * The sampled Nash gradient at a fixed flow (see the module comment): Σ w (e_a − π_t(·|o))(y − b)
 * over the active decisions (t, i) of E episodes of N agents playing against `flow`.
 *
 * - Target y: the Monte-Carlo return G^i_t (`critic = "returns"`), or the one-step target
 *   r + γ V̂_{t+1}(o') (`"population"`), where V̂_{t+1}(o') is the mean return of the *other* agents
 *   at (t + 1, o'). Against a fixed flow the agents are independent, so this leave-one-out mean is an
 *   unbiased estimate of V_{t+1}(o') independent of agent i's action: y stays unbiased for Q_t(o, a)
 *   and loses the noise of the agent's own future activations and moves.
 * - Baseline b: the mean target of the other active decisions at (t, o) in the batch (`"batch"`), or
 *   the running mean of G over all earlier batches (`"running"`).
 * - Weight w: γ^t/(E·N) (`weighting = "visits"`: an estimate of the exact gradient), or 1/#decisions
 *   at (t, o) (`"state"`: an estimate of π_t(a|o)(A_t(o,a) − Σ_b π_t(b|o) A_t(o,b)), which does not
 *   shrink with γ^t, μ_t(o) or ρ).
 */
function sampledPolicyGradient(
  game: TemporalMeanFieldGame,
  policy: Float64Array,
  flow: Float64Array,
  n: number,
  activation: Activation,
  episodes: number,
  lambda: number,
  settings: SampleSettings,
  baselineSum: Float64Array,
  baselineCount: Float64Array,
  work: SampleWorkspace,
  random: RandomStream,
  out: Float64Array,
): void {
  const nO = game.nObs;
  const nA = game.nActions;
  const T = game.horizon;
  const gamma = game.discount;
  const cells = (T + 1) * n;
  const { returns, immediate, target, stateOf, actionOf, valueSum, valueCount, batchSum, batchCount } = work;
  valueSum.fill(0);
  valueCount.fill(0);
  // Pass 1: every agent's return G^i_t at every epoch, and the value sums per (t, o) over all agents.
  for (let e = 0; e < episodes; e++) {
    const ep = rolloutEpisode(game, policy, n, activation, random, flow, work.gradientRollout);
    for (let i = 0; i < ep.empirical.length; i++) work.flowSum[i] += ep.empirical[i];
    work.flowCount += 1;
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let t = T; t >= 0; t--) {
        const cell = t * n + i;
        const a = ep.actions[cell];
        const o = ep.states[cell];
        // Regularised reward: an active step adds the entropy sample −λ log π_t(a|o).
        const bonus = a >= 0 && lambda > 0 ? -lambda * Math.log(policy[(t * nO + o) * nA + a]) : 0;
        const r = ep.rewards[cell] + bonus;
        g = r + gamma * g;
        const slot = e * cells + cell;
        returns[slot] = g;
        immediate[slot] = r;
        stateOf[slot] = o;
        actionOf[slot] = a;
        valueSum[t * nO + o] += g;
        valueCount[t * nO + o] += 1;
      }
    }
  }
  // The critic of earlier batches is blended in with weight 1 − β, β = 1/min(window, batches seen).
  work.batches += 1;
  const blend = 1 / Math.min(settings.criticWindow, work.batches);
  // Pass 2: the targets y of the active decisions and their sums per (t, o).
  batchSum.fill(0);
  batchCount.fill(0);
  for (let e = 0; e < episodes; e++) {
    for (let t = 0; t <= T; t++) {
      for (let i = 0; i < n; i++) {
        const slot = e * cells + t * n + i;
        if (actionOf[slot] < 0) continue;
        let y = returns[slot];
        if (settings.critic === "population" && t < T) {
          const next = slot + n;
          const key = (t + 1) * nO + stateOf[next];
          const others = valueCount[key] - 1;
          const own = returns[next];
          const fresh = others > 0 ? (valueSum[key] - own) / others : own;
          const beta = work.valueSeen[key] > 0 ? blend : 1;
          y = immediate[slot] + gamma * ((1 - beta) * work.valueAverage[key] + beta * fresh);
        }
        target[slot] = y;
        batchSum[t * nO + stateOf[slot]] += y;
        batchCount[t * nO + stateOf[slot]] += 1;
      }
    }
  }
  for (let key = 0; key < valueSum.length; key++) {
    if (valueCount[key] === 0) continue;
    const beta = work.valueSeen[key] > 0 ? blend : 1;
    work.valueAverage[key] += beta * (valueSum[key] / valueCount[key] - work.valueAverage[key]);
    work.valueSeen[key] = 1;
  }
  out.fill(0);
  if (settings.score === "expected") {
    // Pass 3 (expected score): per (t, o), Ȳ_a = mean target of the decisions that chose a, and
    // g_t(o, ·) = w·n_{t,o}·π(a)(Ȳ_a − Σ_b π(b) Ȳ_b); an action nobody chose gets Ȳ_a = Σ_b π(b) Ȳ_b.
    const { actionSum, actionCount } = work;
    actionSum.fill(0);
    actionCount.fill(0);
    for (let e = 0; e < episodes; e++) {
      for (let cell = 0; cell < cells; cell++) {
        const slot = e * cells + cell;
        const a = actionOf[slot];
        if (a < 0) continue;
        const t = (cell / n) | 0;
        const index = (t * nO + stateOf[slot]) * nA + a;
        actionSum[index] += target[slot];
        actionCount[index] += 1;
      }
    }
    let discount = 1;
    for (let t = 0; t <= T; t++) {
      for (let o = 0; o < nO; o++) {
        const key = t * nO + o;
        const count = batchCount[key];
        if (count === 0) continue;
        const base = key * nA;
        let seen = 0;
        let mean = 0;
        for (let a = 0; a < nA; a++) {
          if (actionCount[base + a] === 0) continue;
          seen += policy[base + a];
          mean += policy[base + a] * (actionSum[base + a] / actionCount[base + a]);
        }
        mean /= seen;
        const weight = settings.weighting === "state" ? 1 : (discount * count) / (episodes * n);
        for (let a = 0; a < nA; a++) {
          const q = actionCount[base + a] > 0 ? actionSum[base + a] / actionCount[base + a] : mean;
          out[base + a] = weight * policy[base + a] * (q - mean);
        }
      }
      discount *= gamma;
    }
  } else {
    // Pass 3 (sampled score): w (e_a − π)(y − b) per active decision.
    for (let e = 0; e < episodes; e++) {
      for (let t = 0; t <= T; t++) {
        const discount = gamma ** t;
        for (let i = 0; i < n; i++) {
          const slot = e * cells + t * n + i;
          const a = actionOf[slot];
          if (a < 0) continue;
          const key = t * nO + stateOf[slot];
          const y = target[slot];
          const count = batchCount[key];
          let baseline: number;
          if (settings.baseline === "batch") baseline = count > 1 ? (batchSum[key] - y) / (count - 1) : y;
          else baseline = baselineCount[key] > 0 ? baselineSum[key] / baselineCount[key] : 0;
          const weight = settings.weighting === "state" ? 1 / count : discount / (episodes * n);
          const advantage = weight * (y - baseline);
          const base = key * nA;
          for (let b = 0; b < nA; b++) out[base + b] -= policy[base + b] * advantage;
          out[base + a] += advantage;
        }
      }
    }
  }
  if (settings.baseline === "running") {
    for (let key = 0; key < batchSum.length; key++) {
      baselineSum[key] += batchSum[key];
      baselineCount[key] += batchCount[key];
    }
  }
}

/** The estimator choices of the sample mode. */
interface SampleSettings {
  critic: "returns" | "population";
  baseline: "batch" | "running";
  weighting: "visits" | "state";
  score: "sampled" | "expected";
  criticWindow: number;
}

/** Buffers of {@link sampledPolicyGradient}, allocated once per run. */
interface SampleWorkspace {
  returns: Float64Array;
  immediate: Float64Array;
  target: Float64Array;
  valueSum: Float64Array;
  valueCount: Float64Array;
  actionSum: Float64Array;
  actionCount: Float64Array;
  /** The population critic V̄_t(o) blended over batches, whether (t, o) was ever seen, batches so far. */
  valueAverage: Float64Array;
  valueSeen: Uint8Array;
  batches: number;
  stateOf: Int32Array;
  actionOf: Int32Array;
  batchSum: Float64Array;
  batchCount: Float64Array;
  /** Sum and number of the empirical flows of the gradient rollouts since the last outer step. */
  flowSum: Float64Array;
  flowCount: number;
  /**
   * Rollout buffers (sample mode): one for the outer self-consistent rollout, whose empirical flow is
   * held fixed by the gradient rollouts, which reuse the other.
   */
  flowRollout: RolloutBuffers | undefined;
  gradientRollout: RolloutBuffers | undefined;
}

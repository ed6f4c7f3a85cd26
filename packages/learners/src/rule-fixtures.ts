/**
 * Random specs for every registered rule, shared by this package's tests and benches (not exported
 * from the package index): a random game suited to the rule (rewards in [0, 1] for Cross learning,
 * equal action counts for the others of a mean-field Q-learner) and random admissible options.
 */
import { createRandomStream, type RandomSource, sampleIndex } from "@mfkit/core";
import {
  type Learner,
  type MarkovGame,
  MarkovLearningModel,
  type MarkovLearningOptions,
  type RewardSampler,
  randomMarkovGame,
} from "@mfkit/markov-game";
import fc from "fast-check";
import { learnerFromSpec } from "./registry.js";

/** Size and seed of a random game for rule tests. */
export interface RuleSetup {
  states: number;
  actionCounts: number[];
  successors: number;
  seed: number;
}

type SpecMaker = (random: RandomSource, game: MarkovGame, player: number) => Record<string, unknown>;

const table = (random: RandomSource, rows: number, cols: number, lo = -2, hi = 2) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => lo + (hi - lo) * random.next()));
const simplexRows = (random: RandomSource, rows: number, cols: number) =>
  Array.from({ length: rows }, () => {
    const w = Array.from({ length: cols }, () => 0.05 + random.next());
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / sum);
  });
const tabularQ = (random: RandomSource, game: MarkovGame, player: number) => ({
  alpha: 0.01 + 0.05 * random.next(),
  gamma: 0.9 * random.next(),
  tau: 0.2 + random.next(),
  epsilon: 0.2 * random.next(),
  init: table(random, game.nStates, game.actionCounts[player]!),
});

/** For each new rule: how to draw a spec entry. */
export const RULE_SPECS: Record<string, SpecMaker> = {
  "q-learning": (r, g, i) => ({ rule: "q-learning", ...tabularQ(r, g, i) }),
  "counterfactual-q-learning": (r, g, i) => ({ rule: "counterfactual-q-learning", ...tabularQ(r, g, i) }),
  td0: (r, g, i) => ({
    rule: "td0",
    alpha: 0.01 + 0.05 * r.next(),
    gamma: 0.9 * r.next(),
    policy: simplexRows(r, g.nStates, g.actionCounts[i]!),
    init: Array.from({ length: g.nStates }, () => 4 * r.next() - 2),
  }),
  sarsa: (r, g, i) => ({ rule: "sarsa", ...tabularQ(r, g, i) }),
  "expected-sarsa": (r, g, i) => ({ rule: "expected-sarsa", ...tabularQ(r, g, i) }),
  "softmax-policy-gradient": (r, g, i) => {
    const reinforce = r.next() < 0.3;
    return {
      rule: "softmax-policy-gradient",
      mode: reinforce ? "reinforce" : "actor-critic",
      alpha: 0.01 + 0.05 * r.next(),
      ...(reinforce ? {} : { gamma: 0.9 * r.next() }),
      tau: 0.3 + r.next(),
      epsilon: 0.2 * r.next(),
      criticRate: 0.5 + 2 * r.next(),
      init: table(r, g.nStates, g.actionCounts[i]!),
      initCritic: Array.from({ length: g.nStates }, () => 2 * r.next() - 1),
    };
  },
  "policy-mirror-descent": (r, g, i) => ({
    rule: "policy-mirror-descent",
    alpha: 0.01 + 0.05 * r.next(),
    gamma: 0.9 * r.next(),
    tau: r.next(),
    criticRate: 0.5 + 2 * r.next(),
    epsilon: 0.2 * r.next(),
    init: table(r, g.nStates, g.actionCounts[i]!),
    initCritic: table(r, g.nStates, g.actionCounts[i]!),
  }),
  "cross-learning": (r, g, i) => ({
    rule: "cross-learning",
    alpha: 0.01 + 0.05 * r.next(),
    init: simplexRows(r, g.nStates, g.actionCounts[i]!),
  }),
  "faq-learning": (r, g, i) => ({ rule: "faq-learning", beta: 0.05 + 0.9 * r.next(), ...tabularQ(r, g, i) }),
  "mean-field-q-learning": (r, g, i) => {
    const others = g.actionCounts.find((_, k) => k !== i)!;
    return {
      rule: "mean-field-q-learning",
      alpha: 0.01 + 0.05 * r.next(),
      gamma: 0.9 * r.next(),
      tau: 0.2 + r.next(),
      epsilon: 0.2 * r.next(),
      meanRate: 0.5 + 2 * r.next(),
      init: Array.from({ length: g.nStates }, () => table(r, g.actionCounts[i]!, others)),
      initMean: simplexRows(r, g.nStates, others),
    };
  },
};

/** The rules added next to Q-learning and counterfactual Q-learning. */
export const NEW_RULES = [
  "td0",
  "sarsa",
  "expected-sarsa",
  "softmax-policy-gradient",
  "policy-mirror-descent",
  "cross-learning",
  "faq-learning",
  "mean-field-q-learning",
] as const;

/** Every built-in rule: the two Q-learners of the core issue and the rules added after them. */
export const ALL_RULES = ["q-learning", "counterfactual-q-learning", ...NEW_RULES] as const;

/** Random small games for property tests: 1–4 states, 1–3 players with 1–3 actions, 1–4 successors. */
export const ruleSetupArb = fc.record({
  states: fc.integer({ min: 1, max: 4 }),
  actionCounts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
  successors: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
});

/** A game suited to `rule`: rewards in [0, 1] for Cross learning, equal action counts for mean-field Q. */
export function gameForRule(rule: string, setup: RuleSetup, random: RandomSource): MarkovGame {
  const actionCounts =
    rule === "mean-field-q-learning"
      ? setup.actionCounts.length < 2
        ? [setup.actionCounts[0]!, setup.actionCounts[0]!]
        : setup.actionCounts.map(() => setup.actionCounts[0]!)
      : setup.actionCounts;
  return randomMarkovGame(random, {
    states: setup.states,
    actionCounts,
    successors: setup.successors,
    rewardMin: rule === "cross-learning" ? 0 : -1,
    rewardMax: rule === "cross-learning" ? 1 : 2,
  });
}

/** A random game with one learner of `rule` per player (random admissible options). */
export function randomRuleModel(
  rule: string,
  setup: RuleSetup,
  options: MarkovLearningOptions = {},
  overrides: Record<string, unknown> = {},
): MarkovLearningModel {
  const random = createRandomStream(setup.seed, 7);
  const game = gameForRule(rule, setup, random);
  const make = RULE_SPECS[rule]!;
  const learners: Learner[] = game.actionCounts.map((_, i) =>
    learnerFromSpec(game, i, { ...make(random, game, i), ...overrides }, ["learners", i]),
  );
  return new MarkovLearningModel(game, learners, options);
}

/**
 * The Monte-Carlo mean of f(x, e) (the engine's increment, each learner weighted by c_i) over N
 * independent draws e = (s, a, s', a') ~ ν(s)π(a|s)T(s,a,s')π(a'|s'), with standard errors. The next
 * action a' is sampled (not averaged), and rewards come from `rewardSampler` when given (else R̄).
 */
export function sampledMeanIncrement(
  model: MarkovLearningModel,
  x: Float64Array,
  samples: number,
  random: RandomSource,
  rewardSampler?: RewardSampler,
): { mean: Float64Array; standardError: Float64Array } {
  const { game } = model;
  const S = game.nStates;
  const J = game.nJointActions;
  const n = game.nPlayers;
  const nu = Float64Array.from(model.stationaryStateLaw(x));
  const joint = Float64Array.from(model.computePolicies(x));
  const e = model.createFastState();
  const f = new Float64Array(model.dim);
  const sum = new Float64Array(model.dim);
  const sumSq = new Float64Array(model.dim);
  for (let k = 0; k < samples; k++) {
    const s = sampleIndex(nu, 0, S, random.next());
    const j = sampleIndex(joint, s * J, J, random.next());
    const s2 = sampleIndex(game.transitions, (s * J + j) * S, S, random.next());
    const j2 = sampleIndex(joint, s2 * J, J, random.next());
    e.state = s;
    e.jointAction = j;
    e.next = s2;
    e.nextJointAction = j2;
    for (let i = 0; i < n; i++) {
      e.actions[i] = game.jointActions[j * n + i]!;
      e.nextActions[i] = game.jointActions[j2 * n + i]!;
      e.rewards[i] = game.rewards[(s * J + j) * n + i]!;
    }
    if (rewardSampler) rewardSampler(s, j, random, e.rewards);
    f.fill(0);
    for (let i = 0; i < n; i++) {
      model.learners[i]!.addIncrement(x, model.offsets[i]!, e, model.rateFactors[i]!, f, model.offsets[i]!);
    }
    for (let d = 0; d < model.dim; d++) {
      sum[d] = sum[d]! + f[d]!;
      sumSq[d] = sumSq[d]! + f[d]! ** 2;
    }
  }
  const mean = sum.map((v) => v / samples);
  const standardError = sumSq.map((v, d) =>
    Math.sqrt(Math.max(0, v / samples - mean[d]! ** 2) / (samples - 1)),
  );
  return { mean, standardError };
}

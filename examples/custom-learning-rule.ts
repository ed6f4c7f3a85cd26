/**
 * A learning rule written outside the library (docs/write-your-own-learning-rule.md): importance-
 * weighted Hedge, the bandit form of exponential weights (EXP3 without its extra exploration).
 *
 * Parameters: cumulative scores w_i[s, ·]. Policy π^i(·|s) = (1 − ε)·softmax(w_i[s, ·]/η) + ε/A_i.
 * On a transition from s where player i played a_i and got r_i, only the played score moves, by the
 * importance-weighted reward:
 *
 *     w_i[s, a_i] += α_i · r_i / π^i(a_i|s).
 *
 * Averaged direction: the factor 1/π^i(b|s) cancels the probability of playing b, so
 *
 *     F_i[s, b] = α_i ν(s) R̄_i(s, b),     R̄_i(s, b) = Σ_{a_{−i}} π_{−i}(a_{−i}|s) R_i(s, b, a_{−i}),
 *
 * and in a normal-form game with ε = 0 the policy x = softmax(w/η) follows the replicator equation
 * at speed α_i/η: ẋ_b = (α_i/η) x_b (R̄_b − Σ_c x_c R̄_c).
 *
 * Run: `node --conditions=source --import tsx examples/custom-learning-rule.ts` (writes nothing; prints
 * the comparison of the simulation with its limit).
 */
import { type ErrorPath, MfkitError } from "@mfkit/core";
import { compare, parseExperimentOrThrow } from "@mfkit/homogenization";
import {
  type LearnerSpec,
  learnerRuleNames,
  readNumberOption,
  readTableOption,
  registerLearnerRule,
  rejectUnknownOptions,
  softmaxEpsilon,
} from "@mfkit/learners";
import type { Learner, LearnerContext } from "@mfkit/markov-game";

/** The rule's name in specs. */
export const HEDGE_RULE = "importance-weighted-hedge";

/** Creates player `context.player`'s learner. */
export function createHedgeLearner(
  context: LearnerContext,
  options: { alpha: number; eta: number; epsilon: number; init: Float64Array },
): Learner {
  const { game, player } = context;
  const { alpha, eta, epsilon } = options;
  const S = game.nStates;
  const A = game.actionCounts[player]!;
  const n = game.nPlayers;
  const J = game.nJointActions;
  const row = new Float64Array(A); // workspace: allocated once, reused by every step
  return {
    rule: HEDGE_RULE,
    player,
    paramShape: [S, A],
    paramSize: S * A,
    rate: alpha,
    initialParams: options.init,
    policy(x, offset, s, out, outOffset) {
      softmaxEpsilon(x, offset + s * A, A, eta, epsilon, out, outOffset);
    },
    // out += weight·u(x; e). Read everything first: `out` may be `x` itself.
    addIncrement(x, offset, e, weight, out, outOffset) {
      const a = e.actions[player]!;
      softmaxEpsilon(x, offset + e.state * A, A, eta, epsilon, row, 0);
      out[outOffset + e.state * A + a] += (weight * e.rewards[player]!) / row[a]!;
    },
    // out += weight·Σ_e μ_x(e) u(x; e) = weight·ν(s)·R̄(s, b): the closed form (optional).
    addAveragedIncrement(_x, _offset, c, weight, out, outOffset) {
      for (let s = 0; s < S; s++) {
        const nu = c.stateLaw[s]!;
        if (nu === 0) continue;
        for (let j = 0; j < J; j++) {
          let others = 1; // π_{−i}(a_{−i}|s)
          for (let k = 0; k < n; k++) {
            if (k !== player)
              others *= c.playerPolicies[k]![s * game.actionCounts[k]! + game.jointActions[j * n + k]!]!;
          }
          const b = game.jointActions[j * n + player]!;
          out[outOffset + s * A + b] += weight * nu * others * game.rewards[(s * J + j) * n + player]!;
        }
      }
    },
  };
}

/** Reads `{ rule, alpha > 0, eta > 0, epsilon ∈ [0, 1), init? }`, with errors naming the field. */
export function hedgeFromSpec(context: LearnerContext, spec: LearnerSpec, path: ErrorPath): Learner {
  rejectUnknownOptions(spec, path, ["rule", "alpha", "eta", "epsilon", "init"]);
  const epsilon = readNumberOption(spec, "epsilon", path, { min: 0, below: 1, default: 0 });
  const eta = readNumberOption(spec, "eta", path, { above: 0 });
  if (epsilon === 0 && eta < 1e-3)
    throw new MfkitError("invalid-argument", "eta < 1e-3 without exploration makes 1/π overflow", [
      ...path,
      "eta",
    ]);
  return createHedgeLearner(context, {
    alpha: readNumberOption(spec, "alpha", path, { above: 0 }),
    eta,
    epsilon,
    init: readTableOption(spec, "init", path, [
      context.game.nStates,
      context.game.actionCounts[context.player]!,
    ]),
  });
}

// Register once (a second import of this module must not throw).
if (!learnerRuleNames().includes(HEDGE_RULE)) registerLearnerRule(HEDGE_RULE, hedgeFromSpec);

/** Matching pennies in rescaled time, both players running the new rule by name. */
export const hedgeSpec = {
  game: { preset: "matching-pennies" },
  learners: [
    { rule: HEDGE_RULE, alpha: 0.005, eta: 1, epsilon: 0.1, init: [[0.8, -0.8]] },
    { rule: HEDGE_RULE, alpha: 0.005, eta: 1, epsilon: 0.1, init: [[0, 0]] },
  ],
  clock: "rescaled",
  horizon: 6,
  evalTimes: [0, 1, 2, 3, 4, 5, 6],
};

/** Simulation against limit for {@link hedgeSpec}. */
export function runHedgeExample(runs = 400, seed = 1) {
  return compare(parseExperimentOrThrow(hedgeSpec), { runs, seed });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = runHedgeExample();
  for (const row of result.rows) {
    console.log(
      `τ = ${row.time.toFixed(1)}  |mean − ODE| = ${row.paramsSup.toExponential(2)}  band ±${row.paramsHalfWidth.toExponential(2)}`,
    );
  }
  console.log(`fraction of ODE values inside the 95% band: ${result.fractionInsideBand.toFixed(2)}`);
}

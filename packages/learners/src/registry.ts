/**
 * The registry of learning rules usable by name in specs (`"rule": "q-learning"`). A rule reads its
 * options from the spec entry and returns a {@link Learner} bound to one player.
 */
import { describe, type ErrorPath, MfkitError } from "@mfkit/core";
import type { Learner, LearnerContext, MarkovGame } from "@mfkit/markov-game";
import { counterfactualQLearnerFromSpec } from "./counterfactual-q-learning.js";
import { crossLearnerFromSpec } from "./cross-learning.js";
import { faqLearnerFromSpec } from "./faq-learning.js";
import { meanFieldQLearnerFromSpec } from "./mean-field-q-learning.js";
import type { LearnerSpec } from "./options.js";
import { policyMirrorDescentLearnerFromSpec } from "./policy-mirror-descent.js";
import { qLearnerFromSpec } from "./q-learning.js";
import { expectedSarsaLearnerFromSpec, sarsaLearnerFromSpec } from "./sarsa.js";
import { policyGradientLearnerFromSpec } from "./softmax-policy-gradient.js";
import { td0LearnerFromSpec } from "./td0.js";

/** Builds a learner from its spec entry. */
export type LearnerRule = (context: LearnerContext, spec: LearnerSpec, path: ErrorPath) => Learner;

const rules = new Map<string, LearnerRule>([
  ["q-learning", qLearnerFromSpec],
  ["counterfactual-q-learning", counterfactualQLearnerFromSpec],
  ["td0", td0LearnerFromSpec],
  ["sarsa", sarsaLearnerFromSpec],
  ["expected-sarsa", expectedSarsaLearnerFromSpec],
  ["softmax-policy-gradient", policyGradientLearnerFromSpec],
  ["policy-mirror-descent", policyMirrorDescentLearnerFromSpec],
  ["cross-learning", crossLearnerFromSpec],
  ["faq-learning", faqLearnerFromSpec],
  ["mean-field-q-learning", meanFieldQLearnerFromSpec],
]);

/** The rules that ship with the library (a snapshot before any {@link registerLearnerRule}). */
export const BUILT_IN_LEARNER_RULES: ReadonlySet<string> = new Set(rules.keys());

/** Adds a rule under a new name (for user-defined learners). */
export function registerLearnerRule(name: string, rule: LearnerRule): void {
  if (rules.has(name))
    throw new MfkitError("invalid-argument", `a learning rule named "${name}" exists already`, ["rule"]);
  rules.set(name, rule);
}

/** The names of the registered rules. */
export function learnerRuleNames(): string[] {
  return [...rules.keys()];
}

/** Creates player `player`'s learner from `{ "rule": name, …options }`; errors name `path`. */
export function learnerFromSpec(game: MarkovGame, player: number, spec: unknown, path: ErrorPath): Learner {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new MfkitError("invalid-argument", `expected a learner object, got ${describe(spec)}`, path);
  }
  const entry = spec as LearnerSpec;
  if (entry.rule === undefined)
    throw new MfkitError("missing-field", 'missing field "rule"', [...path, "rule"]);
  const rule = typeof entry.rule === "string" ? rules.get(entry.rule) : undefined;
  if (rule === undefined) {
    throw new MfkitError(
      "unknown-name",
      `unknown learning rule ${describe(entry.rule)} (known: ${learnerRuleNames().join(", ")})`,
      [...path, "rule"],
    );
  }
  return rule({ game, player }, entry, path);
}

/**
 * A homogenization experiment read from a JSON spec:
 *
 *     { "game": { "rewards": …, "transitions": … },          // mgap layouts
 *       "learners": [ { "rule": "q-learning", "alpha", "gamma", "tau", "epsilon", "init" }, … ],
 *       "clock": "iterations" | "rescaled",                 // default "rescaled"
 *       "horizon": number,                                   // in clock units
 *       "evalTimes": [numbers],                              // optional, in clock units
 *       "referenceRate": number,                             // optional ε (default max α_i)
 *       "initialStateLaw": [numbers] }                       // optional (default uniform)
 *
 * Validation returns every problem as a typed error naming its place (`learners[1].alpha`).
 */
import {
  type Clock,
  describe,
  evenlySpacedTimes,
  MfkitError,
  tryValidate,
  type Validation,
} from "@mfkit/core";
import { learnerFromSpec } from "@mfkit/learners";
import { checkSingleRecurrentClass, MarkovLearningModel, markovGameFromJson } from "@mfkit/markov-game";

/** A validated experiment: the slow/fast model, the clock and the output times. */
export interface Experiment {
  readonly model: MarkovLearningModel;
  readonly clock: Clock;
  /** End of the time span, in clock units. */
  readonly horizon: number;
  /** Output times, in clock units (sorted, within [0, horizon]). */
  readonly evalTimes: readonly number[];
  /** ε, the reference rate. */
  readonly referenceRate: number;
}

const KNOWN_FIELDS = [
  "game",
  "learners",
  "clock",
  "horizon",
  "evalTimes",
  "referenceRate",
  "initialStateLaw",
];

/** Parses and validates a spec (already parsed from JSON). */
export function parseExperiment(spec: unknown): Validation<Experiment> {
  return tryValidate(() => parseExperimentOrThrow(spec));
}

/** As {@link parseExperiment}, throwing the first {@link MfkitError}. */
export function parseExperimentOrThrow(spec: unknown): Experiment {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new MfkitError("invalid-argument", `a spec must be a JSON object, got ${describe(spec)}`, []);
  }
  const record = spec as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.includes(key)) {
      throw new MfkitError("invalid-argument", `unknown field "${key}" (known: ${KNOWN_FIELDS.join(", ")})`, [
        key,
      ]);
    }
  }
  if (record.game === undefined) throw new MfkitError("missing-field", 'missing field "game"', ["game"]);
  const game = markovGameFromJson(record.game, ["game"]);

  if (record.learners === undefined)
    throw new MfkitError("missing-field", 'missing field "learners"', ["learners"]);
  if (!Array.isArray(record.learners)) {
    throw new MfkitError(
      "invalid-argument",
      `expected an array of learners, got ${describe(record.learners)}`,
      ["learners"],
    );
  }
  if (record.learners.length !== game.nPlayers) {
    throw new MfkitError(
      "invalid-shape",
      `the game has ${game.nPlayers} players (reward tensor rank ${game.nPlayers + 2}) but ${record.learners.length} learners are given`,
      ["learners"],
    );
  }
  const learners = record.learners.map((entry, i) => learnerFromSpec(game, i, entry, ["learners", i]));

  const clock = record.clock ?? "rescaled";
  if (clock !== "iterations" && clock !== "rescaled") {
    throw new MfkitError("invalid-argument", `must be "iterations" or "rescaled", got ${describe(clock)}`, [
      "clock",
    ]);
  }
  const horizon = record.horizon;
  if (horizon === undefined) throw new MfkitError("missing-field", 'missing field "horizon"', ["horizon"]);
  if (typeof horizon !== "number" || !Number.isFinite(horizon) || horizon <= 0) {
    throw new MfkitError("invalid-argument", `must be a finite number > 0, got ${describe(horizon)}`, [
      "horizon",
    ]);
  }
  const referenceRate = record.referenceRate;
  if (
    referenceRate !== undefined &&
    (typeof referenceRate !== "number" || !(referenceRate > 0) || !Number.isFinite(referenceRate))
  ) {
    throw new MfkitError("invalid-argument", `must be a finite number > 0, got ${describe(referenceRate)}`, [
      "referenceRate",
    ]);
  }
  const evalTimes = readEvalTimes(record.evalTimes, horizon);
  const initialStateLaw = record.initialStateLaw;
  if (initialStateLaw !== undefined && !Array.isArray(initialStateLaw)) {
    throw new MfkitError("invalid-argument", `expected an array, got ${describe(initialStateLaw)}`, [
      "initialStateLaw",
    ]);
  }
  checkSingleRecurrentClass(game);
  const model = new MarkovLearningModel(game, learners, {
    ...(referenceRate !== undefined ? { referenceRate } : {}),
    ...(initialStateLaw !== undefined ? { initialStateLaw: initialStateLaw as number[] } : {}),
  });
  return { model, clock, horizon, evalTimes, referenceRate: model.referenceRate };
}

function readEvalTimes(value: unknown, horizon: number): number[] {
  if (value === undefined) return evenlySpacedTimes(horizon);
  if (!Array.isArray(value) || value.length === 0) {
    throw new MfkitError("invalid-argument", `expected a non-empty array of times, got ${describe(value)}`, [
      "evalTimes",
    ]);
  }
  return value.map((t, k) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0 || t > horizon * (1 + 1e-12)) {
      throw new MfkitError("invalid-argument", `expected a time in [0, ${horizon}], got ${describe(t)}`, [
        "evalTimes",
        k,
      ]);
    }
    if (k > 0 && t < (value[k - 1] as number)) {
      throw new MfkitError("invalid-argument", "times must be nondecreasing", ["evalTimes", k]);
    }
    return Math.min(t, horizon);
  });
}

/** Iteration count k matching a time of the experiment's clock (t = k, or τ = ε·k), rounded. */
export function iterationAt(experiment: Experiment, time: number): number {
  return Math.round(experiment.clock === "iterations" ? time : time / experiment.referenceRate);
}

/** Time on the experiment's clock of iteration k. */
export function timeOfIteration(experiment: Experiment, iteration: number): number {
  return experiment.clock === "iterations" ? iteration : iteration * experiment.referenceRate;
}

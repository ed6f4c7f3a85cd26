/**
 * A homogenization experiment read from a JSON spec:
 *
 *     { "game": { "rewards": …, "transitions": … },          // mgap layouts
 *       "learners": [ { "rule": "q-learning", "alpha", "gamma", "tau", "epsilon", "init" }, … ],
 *       "clock": "iterations" | "rescaled",                 // default "rescaled"
 *       "horizon": number,                                   // in clock units
 *       "evalTimes": [numbers],                              // optional, in clock units
 *       "referenceRate": number,                             // optional ε (default max α_i)
 *       "initialStateLaw": [numbers],                        // optional (default uniform)
 *       "batchSize": B,                                      // optional: mean of B transitions per update
 *       "stepSchedule": { "kind": "power", "power", "offset" } } // optional: rates × g(k)
 *
 * The game may also be a normal-form game, `{ "preset": "matching-pennies" }` or
 * `{ "payoffs": [a_1]…[a_n][player] }`, and may carry zero-mean reward noise,
 * `"rewardNoise": { "kind": "gaussian", "std" } | { "kind": "discrete", "values", "probabilities" }`
 * (the limit uses the mean rewards). Clocks count updates; with a schedule, update k sits at
 * τ = ε·G(k) (t = G(k) on the iteration clock), G(k) = Σ_{m<k} g(m).
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
import {
  checkSingleRecurrentClass,
  type MarkovGame,
  MarkovLearningModel,
  markovGameFromJson,
  normalFormGame,
  normalFormPreset,
  readBatchSize,
  rewardNoiseFromJson,
  stepScheduleFromJson,
} from "@mfkit/markov-game";

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
  /** The JSON spec the experiment was read from (workers rebuild the experiment from it). */
  readonly spec: unknown;
}

const KNOWN_FIELDS = [
  "game",
  "learners",
  "clock",
  "horizon",
  "evalTimes",
  "referenceRate",
  "initialStateLaw",
  "batchSize",
  "stepSchedule",
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
  const game = readGame(record.game);

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
  const gameRecord = record.game as Record<string, unknown>;
  const noise =
    gameRecord.rewardNoise !== undefined
      ? rewardNoiseFromJson(gameRecord.rewardNoise, game, ["game", "rewardNoise"])
      : undefined;
  const batchSize = readBatchSize(record.batchSize, ["batchSize"]);
  const stepSchedule =
    record.stepSchedule !== undefined
      ? stepScheduleFromJson(record.stepSchedule, ["stepSchedule"])
      : undefined;
  const model = new MarkovLearningModel(game, learners, {
    ...(referenceRate !== undefined ? { referenceRate } : {}),
    ...(initialStateLaw !== undefined ? { initialStateLaw: initialStateLaw as number[] } : {}),
    ...(noise ? { rewardSampler: noise.sampler } : {}),
    ...(stepSchedule ? { stepSchedule } : {}),
    batchSize,
  });
  return { model, clock, horizon, evalTimes, referenceRate: model.referenceRate, spec };
}

/** A Markov game in mgap layouts, or a normal-form game (`preset` or `payoffs`), plus optional `rewardNoise`. */
function readGame(json: unknown): MarkovGame {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return markovGameFromJson(json, ["game"]);
  const record = json as Record<string, unknown>;
  const known =
    "preset" in record
      ? ["preset", "rewardNoise"]
      : "payoffs" in record
        ? ["payoffs", "rewardNoise"]
        : ["rewards", "transitions", "rewardNoise"];
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      throw new MfkitError("invalid-argument", `unknown field "${key}" (known: ${known.join(", ")})`, [
        "game",
        key,
      ]);
    }
  }
  if ("preset" in record) {
    if (typeof record.preset !== "string")
      throw new MfkitError("invalid-argument", `expected a preset name, got ${describe(record.preset)}`, [
        "game",
        "preset",
      ]);
    return normalFormPreset(record.preset, ["game", "preset"]);
  }
  if ("payoffs" in record) return normalFormGame(record.payoffs, ["game", "payoffs"]);
  return markovGameFromJson(json, ["game"]);
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

/**
 * Iteration (update) count k matching a time of the experiment's clock (t = k, or τ = ε·k), rounded;
 * with a step schedule, the k whose G(k) is nearest to t (or τ/ε).
 */
export function iterationAt(experiment: Experiment, time: number): number {
  const steps = experiment.clock === "iterations" ? time : time / experiment.referenceRate;
  const schedule = experiment.model.stepSchedule;
  return schedule ? schedule.stepAt(steps) : Math.round(steps);
}

/** Time on the experiment's clock of iteration k: k or ε·k, with G(k) in place of k under a schedule. */
export function timeOfIteration(experiment: Experiment, iteration: number): number {
  const schedule = experiment.model.stepSchedule;
  const steps = schedule ? schedule.cumulative(iteration) : iteration;
  return experiment.clock === "iterations" ? steps : steps * experiment.referenceRate;
}

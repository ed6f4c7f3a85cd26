/**
 * The info tables are the single source of the parameters' defaults: the factories read every
 * parameter through {@link readParams}, which takes absent values from the table. These tests check
 * the reader itself and that every documented parameter is read (giving another value changes the
 * game, or is rejected with a typed error naming that parameter), and that typos are still rejected.
 */
import { captureMfkitError, isMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import type { MeanFieldGame } from "../model.js";
import { beachBarInfo, createBeachBar } from "./beach-bar.js";
import { createBuildingEvacuation } from "./building-evacuation.js";
import { readParams } from "./common.js";
import { createConservativeTreasureHunting } from "./conservative-treasure-hunting.js";
import { createCrowdModelling } from "./crowd-modelling.js";
import { createCrowdMotion } from "./crowd-motion.js";
import { createEquilibriumPrice } from "./equilibrium-price.js";
import { createLeftRight } from "./left-right.js";
import { createLinearQuadratic } from "./linear-quadratic.js";
import { createRandomLinear, type RandomLinearGame } from "./random-linear.js";
import { createEnvironment, listEnvironments } from "./registry.js";
import { createRockPaperScissors } from "./rock-paper-scissors.js";
import { createSusceptibleInfected } from "./susceptible-infected.js";
import type { EnvironmentInfo, EnvironmentParam } from "./types.js";

/** Everything observable of a game: sizes, μ0, pattern, and rewards and kernel values at every epoch for two L. */
function snapshot(game: MeanFieldGame): unknown[] {
  const size = game.nStates * game.nActions;
  const parts: unknown[] = [
    game.horizon,
    game.nStates,
    game.nActions,
    [...game.stateShape],
    [...game.actionShape],
    game.dependsOnMeanField,
    game.timeHomogeneous,
    Array.from(game.mu0),
    Array.from(game.transitionPattern.rowPtr),
    Array.from(game.transitionPattern.col),
  ];
  const fields = [
    new Float64Array(size).fill(1 / size),
    Float64Array.from({ length: size }, (_, i) => (2 * (i + 1)) / (size * (size + 1))),
  ];
  for (const L of fields) {
    for (let t = 0; t <= game.horizon; t++) {
      const r = new Float64Array(size);
      game.reward(t, L, r);
      const p = new Float64Array(game.transitionPattern.col.length);
      game.transitionValues(t, L, p);
      parts.push(Array.from(r), Array.from(p));
    }
  }
  return parts;
}

/** Other values to try for a documented parameter (each is a full parameter object). */
function alternatives(info: EnvironmentInfo, p: EnvironmentParam): Record<string, unknown>[] {
  const d = p.default;
  if (info.name === "random_linear" && ["R1", "R2", "P1", "P2"].includes(p.name)) {
    // All four matrices or none: the seeded draw's matrices, with the one under test changed.
    const { data } = createRandomLinear() as RandomLinearGame;
    const given: Record<string, number[]> = {
      R1: Array.from(data.R1),
      R2: Array.from(data.R2),
      P1: Array.from(data.P1),
      P2: Array.from(data.P2),
    };
    given[p.name]![0]! += 1;
    return [given];
  }
  switch (p.type) {
    case "integer":
      return [1, 2, 3].map((k) => ({ [p.name]: (d as number) + k }));
    case "number":
      return [{ [p.name]: (d as number) + 1 }, { [p.name]: (d as number) / 2 }];
    case "boolean":
      return [{ [p.name]: !d }];
    case "string":
      return [{ [p.name]: "not-a-documented-value" }];
    case "number[]":
      if (d === null) return [{ [p.name]: [] }];
      return [{ [p.name]: (d as number[]).map((x, i) => (i === 0 ? x + 1 : x)) }];
  }
}

describe("environment parameters: the info table is the single source of defaults", () => {
  it("every documented parameter is read: another value changes the game or is rejected naming it", () => {
    for (const info of listEnvironments()) {
      const reference = snapshot(createEnvironment(info.name));
      for (const p of info.params) {
        const outcomes: string[] = [];
        let read = false;
        for (const params of alternatives(info, p)) {
          try {
            const changed = JSON.stringify(snapshot(createEnvironment(info.name, params)));
            read = changed !== JSON.stringify(reference);
            outcomes.push(read ? "changed" : "same game");
          } catch (error) {
            if (!isMfkitError(error)) throw error;
            read = error.path.join(".") === `params.${p.name}`;
            outcomes.push(`${error.path.join(".")}: ${error.message}`);
          }
          if (read) break;
        }
        expect(read, `${info.name}.${p.name}: ${outcomes.join(" | ")}`).toBe(true);
      }
    }
  });

  it("typos in direct TypeScript calls are still rejected, naming the parameter", () => {
    const factories: ((options: never) => MeanFieldGame)[] = [
      createRockPaperScissors,
      createLeftRight,
      createSusceptibleInfected,
      createBeachBar,
      createCrowdMotion,
      createBuildingEvacuation,
      createConservativeTreasureHunting,
      createEquilibriumPrice,
      createLinearQuadratic,
      createRandomLinear,
      createCrowdModelling,
    ];
    expect(factories.length).toBe(listEnvironments().length);
    for (const create of factories) {
      const error = captureMfkitError(() => create({ T_: 3 } as never));
      expect(error.code).toBe("unknown-name");
      expect(error.path).toEqual(["params", "T_"]);
    }
  });

  it("readParams takes absent and null values from the table and keeps the typed messages", () => {
    const params = readParams(beachBarInfo, { n: null, bar_loc: 3 } as Record<string, unknown>);
    expect(params.integer("n", 1)).toBe(beachBarInfo.params.find((p) => p.name === "n")!.default);
    expect(params.integer("T", 0)).toBe(beachBarInfo.params.find((p) => p.name === "T")!.default);
    expect(params.integer("bar_loc", 0)).toBe(3);
    expect(params.given("n")).toBeNull();
    expect(params.given("T")).toBeUndefined();
    expect(Array.from(params.mu0(4))).toEqual([0.25, 0.25, 0.25, 0.25]);
    const low = captureMfkitError(() => readParams(beachBarInfo, { n: 0 }).integer("n", 1));
    expect(low.message).toContain("beach_bar: parameter 'n' must be ≥ 1 (got 0)");
    expect(low.path).toEqual(["params", "n"]);
    const typo = captureMfkitError(() => readParams(beachBarInfo, { bar: 1 }));
    expect(typo.code).toBe("unknown-name");
  });

  it("readParams refuses undocumented names and accessors of another type (programming errors)", () => {
    const params = readParams(beachBarInfo, {} as Record<string, unknown>);
    expect(() => params.number("nope")).toThrow("parameter 'nope' is read but not documented");
    expect(() => params.number("n")).toThrow("parameter 'n' is documented as integer but read as number");
    expect(() => params.integer("log_eps", 0)).toThrow("documented as number but read as integer");
  });
});

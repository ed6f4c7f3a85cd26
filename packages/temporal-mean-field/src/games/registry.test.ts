import { isMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { meanFieldFlow } from "../recursion.js";
import { createTmfGame, listTmfGames, tmfGameNames } from "./registry.js";

describe("TMF game registry", () => {
  it("lists the games and the wrapped mean-field environments", () => {
    expect(listTmfGames().map((g) => g.name)).toEqual(["resource-selection", "queueing"]);
    expect(tmfGameNames()).toContain("mfg:left_right");
  });

  it("coerces CLI strings and builds working games", () => {
    const queue = createTmfGame("queueing", { capacities: "0.4,0.6", arrivals: "exogenous", horizon: "7" });
    expect(queue.nObs).toBe(3);
    expect(queue.horizon).toBe(7);
    const wrapped = createTmfGame("mfg:left_right", { horizon: "3" });
    expect(wrapped.passiveIsIdentity).toBe(true);
    const flow = meanFieldFlow(wrapped, new Float64Array(wrapped.nObs * wrapped.nActions).fill(0.5), 0.5);
    expect(flow.length).toBe(4 * wrapped.nObs);
  });

  it("rejects unknown games, unknown parameters and ill-typed values with typed errors", () => {
    const paths = [
      () => createTmfGame("nope"),
      () => createTmfGame("queueing", { speed: "1" }),
      () => createTmfGame("resource-selection", { horizon: "2.5" }),
    ].map((run) => {
      try {
        run();
      } catch (error) {
        if (isMfkitError(error)) return [error.code, error.path];
      }
      return "no error";
    });
    expect(paths).toEqual([
      ["unknown-name", ["env"]],
      ["invalid-argument", ["params", "speed"]],
      ["invalid-argument", ["params", "horizon"]],
    ]);
  });
});

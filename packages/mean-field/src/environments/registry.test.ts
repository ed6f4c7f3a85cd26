import { MfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { createEnvironment, environmentNames, listEnvironments } from "./registry.js";

function errorOf(run: () => unknown): MfkitError {
  try {
    run();
  } catch (error) {
    if (error instanceof MfkitError) return error;
    throw error;
  }
  throw new Error("expected an MfkitError");
}

describe("environment registry", () => {
  it("lists every environment with its parameters", () => {
    const names = listEnvironments().map((e) => e.name);
    expect(names).toEqual(environmentNames());
    for (const info of listEnvironments()) {
      expect(info.description.length).toBeGreaterThan(0);
      expect(info.source.length).toBeGreaterThan(0);
    }
  });

  it("creates every environment at its defaults", () => {
    for (const name of environmentNames()) {
      const game = createEnvironment(name);
      expect(game.name).toBe(name);
      expect(game.mu0.length).toBe(game.nStates);
      expect(game.stateShape.reduce((x, y) => x * y, 1)).toBe(game.nStates);
      expect(game.actionShape.reduce((x, y) => x * y, 1)).toBe(game.nActions);
    }
  });

  it("accepts CLI strings", () => {
    expect(createEnvironment("rock_paper_scissors", { T: "20" }).horizon).toBe(20);
    const game = createEnvironment("rock_paper_scissors", { mu0: "0.25,0.25,0.25,0.25" });
    expect(Array.from(game.mu0)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const json = createEnvironment("left_right", { mu0: "[0, 0.5, 0.5]" });
    expect(Array.from(json.mu0)).toEqual([0, 0.5, 0.5]);
  });

  it("rejects unknown names and parameters with typed errors", () => {
    const unknownEnv = errorOf(() => createEnvironment("nope"));
    expect(unknownEnv.code).toBe("unknown-name");
    expect(unknownEnv.message).toContain("left_right");
    const unknownParam = errorOf(() => createEnvironment("left_right", { T: 3 }));
    expect(unknownParam.code).toBe("unknown-name");
    expect(unknownParam.path).toEqual(["params", "T"]);
    const illTyped = errorOf(() => createEnvironment("rock_paper_scissors", { T: "abc" }));
    expect(illTyped.code).toBe("invalid-argument");
    expect(illTyped.path).toEqual(["params", "T"]);
    const fractional = errorOf(() => createEnvironment("rock_paper_scissors", { T: 1.5 }));
    expect(fractional.path).toEqual(["params", "T"]);
    const negative = errorOf(() => createEnvironment("rock_paper_scissors", { T: -1 }));
    expect(negative.code).toBe("invalid-argument");
    const badArray = errorOf(() => createEnvironment("left_right", { mu0: "[1, 0" }));
    expect(badArray.path).toEqual(["params", "mu0"]);
  });
});

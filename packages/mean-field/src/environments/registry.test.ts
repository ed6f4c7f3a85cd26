import { captureMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { createEnvironment, environmentNames, listEnvironments } from "./registry.js";
import { denseKernel, rewards } from "./test-support.js";

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

  it("names MFGLib's ten environments and OpenSpiel's crowd modelling", () => {
    expect(environmentNames()).toEqual([
      "rock_paper_scissors",
      "left_right",
      "susceptible_infected",
      "beach_bar",
      "crowd_motion",
      "building_evacuation",
      "conservative_treasure_hunting",
      "equilibrium_price",
      "linear_quadratic",
      "random_linear",
      "crowd_modelling",
    ]);
  });

  it("listed defaults are accepted and give the default game (rewards and kernels too)", () => {
    // The factories take absent values from the same table, so this checks what is not shared: the
    // registry's coercion of explicit values, and defaults derived from other parameters (r and c of
    // conservative_treasure_hunting are listed at the default n and T).
    for (const info of listEnvironments()) {
      const explicit: Record<string, unknown> = {};
      for (const p of info.params) if (p.default !== null) explicit[p.name] = p.default;
      const a = createEnvironment(info.name, explicit);
      const b = createEnvironment(info.name);
      expect([a.horizon, a.nStates, a.nActions]).toEqual([b.horizon, b.nStates, b.nActions]);
      expect(Array.from(a.mu0)).toEqual(Array.from(b.mu0));
      // A non-uniform L, so that parameters entering only rewards or transitions are compared as well.
      const size = a.nStates * a.nActions;
      const L = Float64Array.from({ length: size }, (_, i) => (2 * (i + 1)) / (size * (size + 1)));
      for (let t = 0; t <= Math.min(a.horizon, 2); t++) {
        expect(Array.from(rewards(a, t, L))).toEqual(Array.from(rewards(b, t, L)));
        expect(Array.from(denseKernel(a, t, L))).toEqual(Array.from(denseKernel(b, t, L)));
      }
    }
  });

  it("accepts CLI strings", () => {
    expect(createEnvironment("rock_paper_scissors", { T: "20" }).horizon).toBe(20);
    const game = createEnvironment("rock_paper_scissors", { mu0: "0.25,0.25,0.25,0.25" });
    expect(Array.from(game.mu0)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const json = createEnvironment("left_right", { mu0: "[0, 0.5, 0.5]" });
    expect(Array.from(json.mu0)).toEqual([0, 0.5, 0.5]);
    const compat = createEnvironment("crowd_modelling", { openspielCompat: "true", horizon: "4", size: "6" });
    expect([compat.horizon, compat.nStates]).toEqual([3, 6]);
  });

  it("rejects unknown names and parameters with typed errors", () => {
    const unknownEnv = captureMfkitError(() => createEnvironment("nope"));
    expect(unknownEnv.code).toBe("unknown-name");
    expect(unknownEnv.message).toContain("left_right");
    const unknownParam = captureMfkitError(() => createEnvironment("left_right", { T: 3 }));
    expect(unknownParam.code).toBe("unknown-name");
    expect(unknownParam.path).toEqual(["params", "T"]);
    const illTyped = captureMfkitError(() => createEnvironment("rock_paper_scissors", { T: "abc" }));
    expect(illTyped.code).toBe("invalid-argument");
    expect(illTyped.path).toEqual(["params", "T"]);
    const fractional = captureMfkitError(() => createEnvironment("rock_paper_scissors", { T: 1.5 }));
    expect(fractional.path).toEqual(["params", "T"]);
    const negative = captureMfkitError(() => createEnvironment("rock_paper_scissors", { T: -1 }));
    expect(negative.code).toBe("invalid-argument");
    const badArray = captureMfkitError(() => createEnvironment("left_right", { mu0: "[1, 0" }));
    expect(badArray.path).toEqual(["params", "mu0"]);
  });
});

import { createEnvironment, uniformPolicy } from "@mfkit/mean-field";
import { describe, expect, it } from "vitest";
import { exploitabilityBracket } from "./bracket.js";
import { rlDeviationBound } from "./deviation-rl.js";
import { fromMeanFieldGame } from "./game.js";
import { heterogeneousGame } from "./heterogeneous.js";

describe("RL lower bound", () => {
  it("on SIS (N = 40) its estimate lies inside the exact bracket up to 4 standard errors", () => {
    const base = createEnvironment("susceptible_infected", { T: 6 });
    const game = fromMeanFieldGame(base, 40);
    const pi = uniformPolicy(base);
    const exact = exploitabilityBracket(game, { policy: pi, mfg: base });
    const rl = rlDeviationBound(game, {
      policy: pi,
      mfg: base,
      trainEpisodes: 150,
      evalEpisodes: 300,
      seed: 3,
    });
    const a = rl.perAgent[0]!;
    expect(a.standardError).toBeGreaterThan(0);
    expect(a.gain).toBeLessThanOrEqual(exact.upper + 4 * a.standardError);
    expect(a.gain).toBeGreaterThanOrEqual(exact.lower - 4 * a.standardError);
    expect(rl.lowerConfidence).toBeLessThanOrEqual(rl.estimate);
  });

  it("runs on heterogeneous games and examines the extreme agents", () => {
    const game = heterogeneousGame("susceptible_infected", { nAgents: 30, uMax: 0.1, envParams: { T: 4 } });
    const pi = uniformPolicy(createEnvironment("susceptible_infected", { T: 4 }));
    const rl = rlDeviationBound(game, { policy: pi, trainEpisodes: 40, evalEpisodes: 60, seed: 1 });
    expect(rl.perAgent.map((a) => a.agent).sort((x, y) => x - y)).toEqual([0, 29]);
    for (const a of rl.perAgent) expect(Number.isFinite(a.gain)).toBe(true);
  });
});

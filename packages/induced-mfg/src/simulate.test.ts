import { createEnvironment, uniformPolicy } from "@mfkit/mean-field";
import { describe, expect, it } from "vitest";
import { createNPlayerGame } from "./game.js";
import { heterogeneousGame } from "./heterogeneous.js";
import { simulate } from "./simulate.js";
import { TypeTables } from "./symmetrize.js";

describe("N-player simulator", () => {
  const pi = uniformPolicy(createEnvironment("susceptible_infected", { T: 8 }));
  const affine = heterogeneousGame("susceptible_infected", {
    nAgents: 300,
    uMax: 0.2,
    vMax: 0.3,
    envParams: { T: 8 },
  });
  // The same game declared non-affine: evaluated once per type (300 types) instead of by the affine basis.
  const perType = createNPlayerGame({ ...affine, affineInParams: false });

  it("the affine per-agent path reproduces per-type evaluation draw for draw", () => {
    expect(new TypeTables(affine).mode).toBe("affine");
    expect(new TypeTables(perType).mode).toBe("types");
    const a = simulate(affine, { policies: pi, episodes: 20, seed: 8 });
    const b = simulate(perType, { policies: pi, episodes: 20, seed: 8 });
    for (let i = 0; i < 300; i++) expect(a.meanReturns[i]).toBeCloseTo(b.meanReturns[i]!, 10);
    expect(Array.from(a.stats!.next)).toEqual(Array.from(b.stats!.next));
  });

  it("is deterministic per seed and differs across seeds", () => {
    const a = simulate(affine, { policies: pi, episodes: 3, seed: 1 });
    const b = simulate(affine, { policies: pi, episodes: 3, seed: 1 });
    const c = simulate(affine, { policies: pi, episodes: 3, seed: 2 });
    expect(Array.from(a.meanReturns)).toEqual(Array.from(b.meanReturns));
    expect(Array.from(a.meanReturns)).not.toEqual(Array.from(c.meanReturns));
  });

  it("more infectious agents get infected more often (heterogeneity acts per agent)", () => {
    // Returns are costs: agents with larger u (higher index) are infected more, so they lose more,
    // also after removing the reward scale v (the same sign pattern): compare the two extreme thirds.
    const g = heterogeneousGame("susceptible_infected", { nAgents: 300, uMax: 0.2, envParams: { T: 8 } });
    const r = simulate(g, { policies: pi, episodes: 200, seed: 3, pooled: false });
    let low = 0;
    let high = 0;
    for (let i = 0; i < 100; i++) {
      low += r.meanReturns[i]!;
      high += r.meanReturns[200 + i]!;
    }
    expect(high).toBeLessThan(low);
  });
});

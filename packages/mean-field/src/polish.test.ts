import { captureMfkitError } from "@mfkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exploitability } from "./exploitability.js";
import { polishEquilibrium } from "./polish.js";
import { solve } from "./solvers/solve.js";
import { leftRight, leftRightPolicy, randomGame, randomGameOptions } from "./test-games.js";

describe("polishEquilibrium (active-set Newton)", () => {
  it("left_right: from fictitious play's 1e-3-accurate policy to the closed form π_0(L|C) = 2/3 to 1e-9", () => {
    const game = leftRight();
    const fp = solve(game, { algorithm: "fp", maxIterations: 200, atol: null, rtol: null });
    const before = exploitability(game, fp.policy);
    expect(before).toBeGreaterThan(1e-4);
    const polished = polishEquilibrium(game, fp.policy);
    expect(polished.converged).toBe(true);
    expect(polished.initialExploitability).toBeCloseTo(before, 14);
    expect(Math.abs(polished.policy[0]! - 2 / 3)).toBeLessThan(1e-9);
    // Checked by the public exploitability, independently of the polish's own bookkeeping.
    expect(exploitability(game, polished.policy)).toBeLessThan(1e-12);
    expect(polished.exploitability).toBeLessThan(1e-12);
  });

  it("an exact equilibrium is a fixed point (no iteration needed); a pure-strategy start is completed by the support update", () => {
    const game = leftRight();
    const exact = polishEquilibrium(game, leftRightPolicy(2 / 3));
    expect(exact.converged).toBe(true);
    expect(exact.iterations).toBe(0);
    expect(Math.abs(exact.policy[0]! - 2 / 3)).toBeLessThan(1e-15);
    // All mass on L: R is a strictly better response, joins the support, and the indifference is solved.
    const pure = polishEquilibrium(game, leftRightPolicy(1));
    expect(pure.converged).toBe(true);
    expect(pure.rounds).toBeGreaterThanOrEqual(2);
    expect(Math.abs(pure.policy[0]! - 2 / 3)).toBeLessThan(1e-9);
  });

  it("random games (fast-check): never returns a worse policy, and 'converged' implies exploitability ≤ 1e-8", () => {
    const arb = randomGameOptions({ nStates: 4, nActions: 3, horizon: 3, discount: 0.9 });
    let converged = 0;
    let runs = 0;
    fc.assert(
      fc.property(arb, (o) => {
        const game = randomGame(o);
        const start = solve(game, {
          algorithm: "omd",
          alpha: 0.3,
          maxIterations: 60,
          atol: null,
          rtol: null,
        });
        const polished = polishEquilibrium(game, start.policy);
        const own = exploitability(game, polished.policy);
        expect(own).toBeLessThanOrEqual(exploitability(game, start.policy) + 1e-12);
        expect(Math.abs(own - polished.exploitability)).toBeLessThan(1e-12);
        runs++;
        if (polished.converged) {
          converged++;
          expect(own).toBeLessThan(1e-8);
        }
      }),
      { numRuns: 60, seed: 20261121, verbose: true },
    );
    // The random games are smooth and small: with this seed the polish converges on 46 of the 60.
    expect(converged / runs).toBeGreaterThan(0.5);
  });

  it("bad options and oversized problems are typed errors naming the option", () => {
    const game = leftRight();
    const pi = leftRightPolicy(0.5);
    expect(captureMfkitError(() => polishEquilibrium(game, pi, { tolerance: -1 }))).toMatchObject({
      code: "invalid-argument",
      path: ["options", "tolerance"],
    });
    expect(captureMfkitError(() => polishEquilibrium(game, pi, { maxRounds: 1.5 }))).toMatchObject({
      code: "invalid-argument",
      path: ["options", "maxRounds"],
    });
    expect(captureMfkitError(() => polishEquilibrium(game, pi, { maxUnknowns: 0.5 }))?.code).toBe(
      "invalid-argument",
    );
    const tooBig = captureMfkitError(() =>
      polishEquilibrium(
        randomGame({
          seed: 3,
          nStates: 4,
          nActions: 3,
          horizon: 6,
          meanFieldReward: true,
          meanFieldTransition: false,
        }),
        new Float64Array(7 * 4 * 3).fill(1 / 3),
        { maxUnknowns: 2 },
      ),
    );
    expect(tooBig).toMatchObject({ code: "invalid-argument", path: ["options", "maxUnknowns"] });
    expect(captureMfkitError(() => polishEquilibrium(game, new Float64Array(3)))?.code).toBe("invalid-shape");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSusceptibleInfected } from "./susceptible-infected.js";
import { checkKernelAt, kernelRow, meanFieldArbitrary, rewards } from "./test-support.js";

describe("susceptible_infected", () => {
  const game = createSusceptibleInfected();

  it("has MFGLib's shapes and defaults", () => {
    expect(game.horizon).toBe(50);
    expect([game.nStates, game.nActions]).toEqual([2, 2]);
    expect(Array.from(game.mu0)).toEqual([0.4, 0.6]);
    expect(game.dependsOnMeanField).toEqual({ reward: false, transition: true });
    // (S,U) → {S, I}, (S,D) → {S}, (I,·) → {S, I}.
    expect(Array.from(game.transitionPattern.rowPtr)).toEqual([0, 2, 3, 5, 7]);
  });

  it("matches the hand computation", () => {
    // L = S:(0.2, 0.1), I:(0.3, 0.4): μ(I) = 0.7, P(I|S,U) = 0.81·0.7 = 0.567.
    const L = Float64Array.from([0.2, 0.1, 0.3, 0.4]);
    const [stay, infect] = kernelRow(game, 3, L, 0, 0);
    expect(infect).toBeCloseTo(0.567, 15);
    expect(stay).toBeCloseTo(0.433, 15);
    expect(kernelRow(game, 3, L, 0, 1)).toEqual([1, 0]);
    expect(kernelRow(game, 3, L, 1, 0)).toEqual([0.3, 0.7]);
    expect(kernelRow(game, 3, L, 1, 1)).toEqual([0.3, 0.7]);
    expect(Array.from(rewards(game, 0, L))).toEqual([0, -0.5, -1, -1.5]);
    // Nobody infected: going out is safe.
    expect(kernelRow(game, 0, Float64Array.from([0.5, 0.5, 0, 0]), 0, 0)).toEqual([1, 0]);
  });

  it("rows sum to 1 at random mean fields", () => {
    const short = createSusceptibleInfected({ T: 3 });
    fc.assert(
      fc.property(meanFieldArbitrary(4), (L) => checkKernelAt(short, L)),
      { seed: 21, numRuns: 50 },
    );
  });
});

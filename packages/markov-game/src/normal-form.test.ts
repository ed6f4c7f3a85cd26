import { MfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { NORMAL_FORM_PRESETS, normalFormGame, normalFormPayoffs, normalFormPreset } from "./normal-form.js";

const payoff = (name: (typeof NORMAL_FORM_PRESETS)[number], a: number, b: number, i: number) =>
  normalFormPayoffs(name)[a]![b]![i]!;

describe("normal-form games", () => {
  it("are one-state Markov games with T ≡ 1 and the payoffs as rewards", () => {
    const game = normalFormGame([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(game.nStates).toBe(1);
    expect(game.actionCounts).toEqual([2, 2]);
    expect(Array.from(game.transitions)).toEqual([1, 1, 1, 1]);
    expect(Array.from(game.rewards)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const three = normalFormGame({ shape: [2, 3, 2, 3], data: new Float64Array(36).fill(0.5) });
    expect(three.nPlayers).toBe(3);
    expect(three.nJointActions).toBe(12);
  });

  it("presets have payoffs in [0, 1] and their defining structure", () => {
    for (const name of NORMAL_FORM_PRESETS) {
      const game = normalFormPreset(name);
      for (const r of game.rewards) expect(r >= 0 && r <= 1).toBe(true);
    }
    // Prisoner's dilemma: defection dominates, mutual cooperation beats mutual defection.
    for (const b of [0, 1])
      expect(payoff("prisoners-dilemma", 1, b, 0)).toBeGreaterThan(payoff("prisoners-dilemma", 0, b, 0));
    expect(payoff("prisoners-dilemma", 0, 0, 0)).toBeGreaterThan(payoff("prisoners-dilemma", 1, 1, 0));
    // Matching pennies and RPS are constant-sum (1).
    for (const name of ["matching-pennies", "rock-paper-scissors"] as const) {
      const g = normalFormPreset(name);
      for (let j = 0; j < g.nJointActions; j++) expect(g.rewards[2 * j]! + g.rewards[2 * j + 1]!).toBe(1);
    }
    // Stag hunt: (stag, stag) and (hare, hare) are strict equilibria; (stag, stag) is payoff-dominant.
    expect(payoff("stag-hunt", 0, 0, 0)).toBeGreaterThan(payoff("stag-hunt", 1, 0, 0));
    expect(payoff("stag-hunt", 1, 1, 0)).toBeGreaterThan(payoff("stag-hunt", 0, 1, 0));
    expect(payoff("stag-hunt", 0, 0, 0)).toBeGreaterThan(payoff("stag-hunt", 1, 1, 0));
  });

  it("typed errors: wrong payoff shape, unknown preset", () => {
    expect(() => normalFormGame([[1, 2, 3]], ["game", "payoffs"])).toThrow(
      expect.objectContaining({ code: "invalid-shape", path: ["game", "payoffs"] }),
    );
    expect(() => normalFormPreset("chicken", ["game", "preset"])).toThrow(MfkitError);
    expect(() => normalFormPreset("chicken", ["game", "preset"])).toThrow(
      expect.objectContaining({ code: "unknown-name", path: ["game", "preset"] }),
    );
  });
});

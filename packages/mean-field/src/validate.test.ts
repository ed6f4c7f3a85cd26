import { Either, MfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import type { MeanFieldGame } from "./model.js";
import { validatePolicy, validatePolicyOrThrow } from "./policy.js";
import { gameFromRows, leftRight } from "./test-games.js";
import { validateMeanFieldGame, validateMeanFieldGameOrThrow } from "./validate.js";

function errorsOf(game: MeanFieldGame): readonly MfkitError[] {
  const result = validateMeanFieldGame(game);
  return Either.isLeft(result) ? result.left : [];
}

describe("validateMeanFieldGame", () => {
  it("accepts left_right", () => {
    expect(validateMeanFieldGameOrThrow(leftRight()).name).toBe("left_right");
  });

  it("rejects bad μ0, discount and pattern bounds, naming the place", () => {
    const g = leftRight();
    expect(errorsOf({ ...g, mu0: Float64Array.from([0.5, 0.2, 0.2]) })[0]!.path).toEqual(["game", "mu0"]);
    expect(errorsOf({ ...g, mu0: Float64Array.from([1.5, -0.5, 0]) })[0]!.path).toEqual(["game", "mu0", 1]);
    expect(errorsOf({ ...g, discount: 0 })[0]!.path).toEqual(["game", "discount"]);
    const col = Int32Array.from([1, 2, 1, 3, 1, 2]);
    const e = errorsOf({ ...g, transitionPattern: { rowPtr: g.transitionPattern.rowPtr, col } });
    expect(e[0]!.path).toEqual(["game", "transitionPattern", "col", 3]);
    const rowPtr = Int32Array.from([0, 1, 2, 1, 4, 5, 6]);
    expect(errorsOf({ ...g, transitionPattern: { rowPtr, col: g.transitionPattern.col } })[0]!.path).toEqual([
      "game",
      "transitionPattern",
      "rowPtr",
      3,
    ]);
    expect(errorsOf({ ...g, stateShape: [2] })[0]!.code).toBe("invalid-shape");
  });

  it("rejects a transition row that does not sum to 1 along the flow, naming (t, s, a)", () => {
    // Row (s=1, a=0) is fine at the uniform mean field but sums to 1 + μ(C) along the μ0 flow.
    const game = gameFromRows({
      name: "leaky",
      horizon: 2,
      nStates: 2,
      nActions: 2,
      mu0: [1, 0],
      rows: [
        [0, 1],
        [0, 1],
        [0, 1],
        [0, 1],
      ],
      dependsOnMeanField: { reward: false, transition: true },
      reward: (_t, _L, out) => out.fill(0),
      transition: (_t, L, r, next) => {
        const muC = L[0]! + L[1]!;
        return r === 2 && next === 0 ? 0.5 + Math.max(0, muC - 0.5) : 0.5;
      },
    });
    const errors = errorsOf(game);
    expect(errors[0]!.code).toBe("invalid-probability");
    expect(errors[0]!.path).toEqual(["game", "transitions", 0, 1, 0]);
    expect(errors[0]!.message).toMatch(/uniform-policy flow/);
  });

  it("rejects negative probabilities and non-finite rewards", () => {
    const base = {
      name: "bad",
      horizon: 1,
      nStates: 2,
      nActions: 1,
      mu0: [0.5, 0.5],
      rows: [
        [0, 1],
        [0, 1],
      ],
      dependsOnMeanField: { reward: false, transition: false },
    };
    const negative = gameFromRows({
      ...base,
      reward: (_t, _L, out) => out.fill(0),
      transition: (_t, _L, r, next) => (r === 1 ? (next === 0 ? -0.5 : 1.5) : 0.5),
    });
    expect(errorsOf(negative)[0]!.path).toEqual(["game", "transitions", 0, 1, 0, 0]);
    const nan = gameFromRows({
      ...base,
      reward: (t, _L, out) => {
        out.fill(0);
        if (t === 1) out[1] = Number.NaN;
      },
      transition: () => 0.5,
    });
    expect(errorsOf(nan)[0]!.code).toBe("non-finite");
    expect(errorsOf(nan)[0]!.path).toEqual(["game", "reward", 1, 1, 0]);
    expect(() => validateMeanFieldGameOrThrow(nan)).toThrow(MfkitError);
  });

  it("turns a throwing environment function into a typed error", () => {
    const game = {
      ...leftRight(),
      reward: () => {
        throw new Error("boom");
      },
    };
    expect(errorsOf(game)[0]!.message).toMatch(/boom/);
  });
});

describe("validatePolicy", () => {
  it("checks shape, entries and row sums", () => {
    const g = leftRight();
    const ok = new Float64Array(12).fill(0.5);
    expect(validatePolicyOrThrow(g, ok)).toBe(ok);
    const r = validatePolicy(g, new Float64Array(3));
    expect(Either.isLeft(r) && r.left[0]!.code).toBe("invalid-shape");
    const bad = ok.slice();
    bad[9] = 0.6;
    const rb = validatePolicy(g, bad);
    expect(Either.isLeft(rb) && rb.left[0]!.path).toEqual(["policy", 1, 1]);
    bad[9] = -0.5;
    const rn = validatePolicy(g, bad);
    expect(Either.isLeft(rn) && rn.left[0]!.path).toEqual(["policy", 1, 1, 1]);
  });
});

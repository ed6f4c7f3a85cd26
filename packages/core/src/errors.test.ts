import { describe, expect, it } from "vitest";
import { captureMfkitError, formatPath, isMfkitError, MfkitError } from "./errors.js";
import { getOrThrow, invalid, tryValidate } from "./validation.js";

describe("errors", () => {
  it("formats paths with keys and indices", () => {
    expect(formatPath(["game", "transitions", 2, 0, 1])).toBe("game.transitions[2][0][1]");
    expect(formatPath([3, "x"])).toBe("[3].x");
  });
  it("prefixes the message with the path", () => {
    const e = new MfkitError("invalid-probability", "row sums to 0.9", ["game", "transitions", 1]);
    expect(e.message).toBe("game.transitions[1]: row sums to 0.9");
    expect(isMfkitError(e)).toBe(true);
    expect(e.code).toBe("invalid-probability");
  });
  it("captures typed errors as Left and rethrows other exceptions", () => {
    const bad = tryValidate(() => {
      throw new MfkitError("missing-field", "required", ["horizon"]);
    });
    expect(() => getOrThrow(bad)).toThrow("horizon: required");
    expect(() =>
      tryValidate(() => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
    expect(getOrThrow(tryValidate(() => 3))).toBe(3);
    const first = new MfkitError("missing-field", "required", ["horizon"]);
    const second = new MfkitError("invalid-argument", "negative", ["runs"]);
    const thrown = captureMfkitError(() => getOrThrow(invalid([first, second])));
    expect(thrown.code).toBe("missing-field");
    expect(thrown.message).toBe("horizon: required (and 1 more problem(s))");
    expect(thrown.details).toEqual({ errors: [first, second] });
  });
  it("captureMfkitError returns the typed error and refuses anything else", () => {
    const error = captureMfkitError(() => {
      throw new MfkitError("non-finite", "NaN", ["x", 2]);
    });
    expect(error.reason).toBe("NaN");
    expect(error.message).toBe("x[2]: NaN");
    expect(() => captureMfkitError(() => 1)).toThrow("nothing was thrown");
    expect(() =>
      captureMfkitError(() => {
        throw new RangeError("bug");
      }),
    ).toThrow(RangeError);
  });
});

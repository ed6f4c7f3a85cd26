import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MfkitError } from "./errors.js";
import { readTensor, toNested } from "./tensor.js";

describe("readTensor", () => {
  it("reads nested arrays row-major", () => {
    const t = readTensor(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      ["x"],
    );
    expect(t.shape).toEqual([2, 2, 2]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it("names the ragged or non-finite index", () => {
    expect(() => readTensor([[1, 2], [3]], ["game", "rewards"])).toThrow(
      "game.rewards[1]: expected an array of length 2",
    );
    expect(() =>
      readTensor(
        [
          [1, 2],
          [3, Number.NaN],
        ],
        ["r"],
      ),
    ).toThrow("r[1][1]: expected a finite number, got NaN");
    expect(() => readTensor([[1, "a"]], ["r"])).toThrow(/r\[0\]\[1\]/);
    expect(() => readTensor([[1]], ["r"], 3)).toThrow("expected a tensor of rank 3");
    expect(() => readTensor([], ["r"])).toThrow(MfkitError);
    expect(() => readTensor(5, ["r"])).toThrow(MfkitError);
  });
  it("round-trips with toNested (property)", () => {
    const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(shapeArb, fc.integer(), (shape, seed) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const data = Float64Array.from({ length: size }, (_, i) => (i * 7 + seed) % 13);
        const nested = toNested(data, shape);
        const back = readTensor(nested, []);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(data));
      }),
      { seed: 20261121, numRuns: 100 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { captureMfkitError } from "../errors.js";
import { createRandomStream } from "../random/index.js";
import { compareWithBand } from "./compare-with-band.js";
import { RunningMoments } from "./running-moments.js";
import { supNorm } from "./sup-norm.js";

const f = (xs: number[]) => Float64Array.from(xs);

describe("compareWithBand", () => {
  it("gives the sup distances, half-widths and inside fraction of a hand-made case", () => {
    // runs = 100, z(0.95) = 1.959963984540054: half-width = 0.1959963984540054 · std.
    const result = compareWithBand(
      [f([1, 2]), f([1.5, 0])],
      [f([1, 0.5]), f([0, 2])],
      100,
      [f([1.1, 2.3]), f([1.5, 0.5])],
      [0, 1],
    );
    expect(result.times).toEqual([0, 1]);
    expect(result.supDistance[0]).toBeCloseTo(0.3, 15);
    expect(result.supDistance[1]).toBeCloseTo(0.5, 15);
    expect(result.halfWidth[0]).toBeCloseTo(0.1959963984540054, 15);
    expect(result.halfWidth[1]).toBeCloseTo(0.3919927969080108, 15);
    // Inside: (0,0) 0.1 ≤ 0.196 yes; (0,1) 0.3 ≤ 0.098 no; (1,0) 0 ≤ 0 yes (zero spread, exact); (1,1) 0.5 ≤ 0.392 no.
    expect(result.fractionInside).toBe(0.5);
    expect(result.overallSup).toBeCloseTo(0.5, 15);
    const wide = compareWithBand([f([0])], [f([1])], 4, [f([0.9])], [0], 0.99); // z = 2.5758…, hw = 1.2879
    expect(wide.fractionInside).toBe(1);
  });

  it("covers the true mean at about the nominal rate on synthetic Monte-Carlo data", () => {
    // 200 times × 5 components, 50 runs of N(μ, σ²) each: the fraction inside is a mean of 1000 Bernoulli
    // indicators with success probability ≈ P(|t₄₉| ≤ 1.96) = 0.9442; 4 standard errors ≈ 0.029.
    const r = createRandomStream("band", 0);
    const runs = 50;
    const means: Float64Array[] = [];
    const stds: Float64Array[] = [];
    const truth: Float64Array[] = [];
    const times: number[] = [];
    for (let k = 0; k < 200; k++) {
      const mu = Float64Array.from({ length: 5 }, (_, c) => Math.sin(k + c));
      const acc = new RunningMoments(5);
      const x = new Float64Array(5);
      for (let run = 0; run < runs; run++) {
        for (let c = 0; c < 5; c++) x[c] = mu[c]! + (1 + c) * r.nextNormal();
        acc.push(x);
      }
      means.push(acc.mean());
      stds.push(acc.std());
      truth.push(mu);
      times.push(k * 0.1);
    }
    const result = compareWithBand(means, stds, runs, truth, times);
    expect(Math.abs(result.fractionInside - 0.9442)).toBeLessThan(4 * Math.sqrt((0.9442 * 0.0558) / 1000));
    expect(result.overallSup).toBe(Math.max(...result.supDistance));
  });

  it("validates shapes, runs and confidence, naming the place", () => {
    const bad = (run: () => unknown) => {
      const error = captureMfkitError(run);
      return [error.code, error.path];
    };
    expect(bad(() => compareWithBand([f([0])], [f([1])], 1, [f([0])], [0]))).toEqual([
      "invalid-argument",
      ["runs"],
    ]);
    expect(bad(() => compareWithBand([f([0])], [], 5, [f([0])], [0]))).toEqual(["invalid-shape", []]);
    expect(bad(() => compareWithBand([f([0])], [f([1, 2])], 5, [f([0])], [0]))).toEqual([
      "invalid-shape",
      [0],
    ]);
    expect(bad(() => compareWithBand([f([0])], [f([1])], 5, [f([0])], [0], 1))).toEqual([
      "invalid-argument",
      ["confidence"],
    ]);
    expect(bad(() => compareWithBand([f([0, Number.NaN])], [f([1, 1])], 5, [f([0, 0])], [0]))).toEqual([
      "non-finite",
      [0, 1],
    ]);
  });
});

describe("supNorm", () => {
  it("is max |a − b| and checks its inputs", () => {
    expect(supNorm([1, -2, 3], f([1.5, 2, 3]))).toBe(4);
    expect(supNorm([], [])).toBe(0);
    expect(captureMfkitError(() => supNorm([1], [1, 2])).code).toBe("invalid-shape");
    expect(captureMfkitError(() => supNorm([Number.NaN], [1])).code).toBe("non-finite");
  });
});

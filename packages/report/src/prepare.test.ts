import { captureMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { ChartNotes, clampNonPositive, plottableIndices } from "./prepare.js";

describe("plottableIndices", () => {
  it("drops non-finite rows and notes how many", () => {
    const notes = new ChartNotes();
    const kept = plottableIndices(
      "sim",
      [
        { field: "x", values: [0, 1, 2, 3, 4] },
        { field: "y", values: [1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5] },
      ],
      ["lines", 0],
      notes,
    );
    expect(kept).toEqual([0, 2, 4]);
    expect(notes.list()).toEqual(["sim: 2 non-finite points dropped"]);
  });

  it("drops points ≤ 0 of log-axis columns with a separate note", () => {
    const notes = new ChartNotes();
    const kept = plottableIndices(
      "err",
      [
        { field: "x", values: [1, 2, 3] },
        { field: "y", values: [0, -1, 2], positive: true },
      ],
      [],
      notes,
    );
    expect(kept).toEqual([2]);
    expect(notes.list()).toEqual(["err: 2 points ≤ 0 dropped (log axis)"]);
  });

  it("throws invalid-shape at the offending field for mismatched lengths", () => {
    const error = captureMfkitError(() =>
      plottableIndices(
        "ode",
        [
          { field: "x", values: [1, 2, 3] },
          { field: "y", values: [1, 2] },
        ],
        ["lines", 3],
        new ChartNotes(),
      ),
    );
    expect(error.code).toBe("invalid-shape");
    expect(error.path).toEqual(["lines", 3, "y"]);
  });

  it("decimates after cleaning, keeping the extremes of shape columns", () => {
    const n = 50_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 300));
    y[100] = Number.NaN;
    y[777] = -9;
    const kept = plottableIndices(
      "s",
      [
        { field: "x", values: x, shape: false },
        { field: "y", values: y },
      ],
      [],
      new ChartNotes(),
      1000,
    );
    expect(kept.length).toBeLessThanOrEqual(1000);
    expect(kept).toContain(777);
    expect(kept).not.toContain(100);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
  });
});

describe("clampNonPositive", () => {
  it("raises bounds ≤ 0 to the smallest positive candidate and notes it", () => {
    const notes = new ChartNotes();
    const out = clampNonPositive(
      "sim",
      "lower bound",
      [-0.1, 0.02, 0],
      [
        [-0.1, 0.02, 0],
        [0.05, 0.01, 0.3],
      ],
      notes,
    );
    expect(Array.from(out)).toEqual([0.01, 0.02, 0.01]);
    expect(notes.list()).toEqual(["sim: 2 lower bounds ≤ 0 clamped to 0.0100 (log axis)"]);
  });

  it("returns the input untouched when nothing is ≤ 0", () => {
    const values = [1, 2];
    expect(clampNonPositive("s", "lower bound", values, [values], new ChartNotes())).toBe(values);
  });
});

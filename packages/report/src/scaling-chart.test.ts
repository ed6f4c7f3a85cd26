import { describe, expect, it } from "vitest";
import { chartNotes } from "./frame.js";
import { compileChart, renderSvg } from "./render-svg.js";
import { powerLawIntercept, scalingChart, scalingLabel } from "./scaling-chart.js";

const Ns = [10, 20, 50, 100, 200, 500, 1000];

describe("powerLawIntercept", () => {
  it("recovers C of an exact power law y = C·x^s", () => {
    const y = Ns.map((n) => 0.7 * n ** -0.5);
    expect(Math.exp(powerLawIntercept(Ns, y, -0.5))).toBeCloseTo(0.7, 12);
  });

  it("is the log-space least-squares intercept: residuals sum to zero", () => {
    const y = Ns.map((n, i) => n ** -1 * (1 + 0.1 * Math.sin(i)));
    const logC = powerLawIntercept(Ns, y, -1);
    const residual = Ns.reduce((sum, n, i) => sum + Math.log(y[i]) - logC + Math.log(n), 0);
    expect(Math.abs(residual)).toBeLessThan(1e-12);
  });
});

describe("scalingChart", () => {
  const points = [
    {
      series: "sup error",
      x: Ns,
      y: Ns.map((n) => 0.9 / Math.sqrt(n)),
      lower: Ns.map((n) => 0.7 / Math.sqrt(n)),
      upper: Ns.map((n) => 1.1 / Math.sqrt(n)),
      fittedSlope: -0.5,
    },
    { series: "L1 error", x: Ns, y: Ns.map((n) => 2 / n) },
  ];

  it("compiles cleanly with log-log scales, error bars and the slope in the legend", async () => {
    const spec = scalingChart(points, { title: "Error vs N", xLabel: "N", yLabel: "sup error" });
    expect(compileChart(spec).warnings).toEqual([]);
    const rows = (spec as { data: { values: { series: string; kind: string; y: number; x: number }[] } }).data
      .values;
    const fit = rows.filter((r) => r.kind === "fit");
    expect(fit.map((r) => r.x)).toEqual([10, 1000]);
    // The fitted line goes through the points of an exact power law.
    expect(fit[0].y).toBeCloseTo(0.9 / Math.sqrt(10), 12);
    expect(fit[1].y).toBeCloseTo(0.9 / Math.sqrt(1000), 12);
    expect(fit[0].series).toBe("sup error (slope −0.50)");
    const svg = await renderSvg(spec);
    for (const text of ["Error vs N", "sup error (slope −0.50)", "L1 error", ">N<"])
      expect(svg).toContain(text);
  });

  it("labels series without a slope by their name only", () => {
    expect(scalingLabel({ series: "a", x: [], y: [] })).toBe("a");
    expect(scalingLabel({ series: "a", x: [], y: [], fittedSlope: -1 })).toBe("a (slope −1.00)");
  });

  it("clamps lower bounds ≤ 0 and drops non-finite points, with notes", () => {
    const spec = scalingChart([
      {
        series: "e",
        x: [10, 100, 1000],
        y: [0.3, Number.NaN, 0.01],
        lower: [-0.1, 0.01, 0.005],
        upper: [0.5, 0.2, 0.02],
      },
    ]);
    const notes = chartNotes(spec);
    expect(notes).toEqual([
      "e: 1 lower bound ≤ 0 clamped to 0.00500 (log axis)",
      "e: 1 non-finite point dropped",
    ]);
    expect(compileChart(spec).warnings).toEqual([]);
  });
});

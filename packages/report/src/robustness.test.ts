/** Degenerate inputs still give a valid chart and a valid PNG, never an exception from vega or resvg. */
import { describe, expect, it } from "vitest";
import { comparisonChart } from "./comparison-chart.js";
import { chartNotes } from "./frame.js";
import { phasePortrait } from "./phase-portrait.js";
import { compileChart, renderSvg } from "./render-svg.js";
import { scalingChart } from "./scaling-chart.js";
import type { VegaLiteSpec } from "./spec.js";
import { svgToPng } from "./svg-to-png.js";

async function rendersToPng(spec: VegaLiteSpec): Promise<string> {
  expect(compileChart(spec).warnings).toEqual([]);
  const svg = await renderSvg(spec);
  const png = svgToPng(svg, { width: 400 });
  expect(png[1]).toBe(0x50); // "P" of the PNG signature
  return svg;
}

describe("degenerate inputs", () => {
  it("an empty comparison chart", async () => {
    await rendersToPng(comparisonChart({ lines: [], bands: [] }, { title: "nothing yet" }));
  });

  it("a series that is entirely NaN, and a one-point series", async () => {
    const spec = comparisonChart({
      lines: [
        { name: "diverged", x: [0, 1, 2], y: [Number.NaN, Number.NaN, Number.NaN], panel: "a" },
        { name: "single", x: [1], y: [0.5], panel: "b" },
      ],
      bands: [],
    });
    expect(chartNotes(spec)).toEqual(["diverged: 3 non-finite points dropped"]);
    await rendersToPng(spec);
  });

  it("names with XML special characters are escaped in the SVG", async () => {
    const svg = await rendersToPng(
      comparisonChart(
        { lines: [{ name: 'N<100 & "fast" <learners>', x: [0, 1], y: [0, 1] }], bands: [] },
        { title: "a < b & c" },
      ),
    );
    expect(svg).toContain("N&lt;100 &amp;");
    expect(svg).not.toContain("<learners>");
  });

  it("a log time axis starting at t = 0 drops that point with a note", async () => {
    const spec = comparisonChart(
      { lines: [{ name: "ode", x: [0, 1, 10, 100], y: [1, 0.5, 0.2, 0.1] }], bands: [] },
      { logX: true },
    );
    expect(chartNotes(spec)).toEqual(["ode: 1 point ≤ 0 dropped (log axis)"]);
    await rendersToPng(spec);
  });

  it("a scaling chart with a single N and a phase portrait with no field", async () => {
    await rendersToPng(scalingChart([{ series: "e", x: [100], y: [0.1], fittedSlope: -0.5 }]));
    await rendersToPng(
      phasePortrait({ x: [], y: [], u: [], v: [] }, [{ name: "orbit", x: [0.1, 0.2], y: [0.3, 0.1] }]),
    );
  });
});

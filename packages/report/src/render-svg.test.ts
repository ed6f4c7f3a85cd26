import { describe, expect, it } from "vitest";
import { comparisonChart } from "./comparison-chart.js";
import { compileChart, renderSvg } from "./render-svg.js";
import type { VegaLiteSpec } from "./spec.js";

describe("compileChart", () => {
  it("collects vega-lite warnings instead of printing them", () => {
    const spec = {
      data: { values: [{ a: 1, b: "x" }] },
      mark: "line",
      encoding: { x: { field: "a", type: "quantitative" }, size: { field: "b", type: "nominal" } },
    } as VegaLiteSpec;
    expect(compileChart(spec).warnings.length).toBeGreaterThan(0);
  });
});

describe("renderSvg", () => {
  it("returns a standalone SVG document in the bundled font, and honours user edits to the spec", async () => {
    const spec = comparisonChart(
      { lines: [{ name: "ode", x: [0, 1, 2], y: [0, 1, 0] }], bands: [] },
      { title: "A" },
    );
    const edited = { ...spec, title: "Edited title", width: 250 } as VegaLiteSpec;
    const svg = await renderSvg(edited);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("Edited title");
    expect(svg).toContain("DejaVu Sans");
    expect(svg).not.toContain("NaN");
    // Rendering leaves the spec exactly as it was (vega would otherwise tag the data rows).
    const before = structuredClone(edited);
    await renderSvg(edited);
    expect(edited).toStrictEqual(before);
  });
});

/**
 * The customisations shown in docs/plots.md, checked: each edited spec compiles without warnings
 * and the edit shows in the SVG.
 */
import { describe, expect, it } from "vitest";
import { comparisonChart } from "./comparison-chart.js";
import { curveChart } from "./curve-chart.js";
import { exampleComparison, exampleCurves } from "./examples.js";
import { compileChart, renderSvg } from "./render-svg.js";
import type { VegaLiteSpec } from "./spec.js";

/** The parts of a built spec these edits touch (a spec is plain JSON: any part can be edited). */
interface Editable {
  resolve?: unknown;
  width?: number;
  config: Record<string, Record<string, unknown>>;
  spec: { layer: unknown[] };
  layer: { encoding: { y: { scale: Record<string, unknown> } } }[];
}
const editable = (spec: VegaLiteSpec) => spec as unknown as Editable;
const asSpec = (spec: Editable) => spec as unknown as VegaLiteSpec;

describe("customising a spec (docs/plots.md)", () => {
  it("independent y scales per panel, legend at the bottom, bigger title", async () => {
    const spec = editable(comparisonChart(exampleComparison(50), { title: "Custom" }));
    spec.resolve = { scale: { y: "independent" } };
    spec.config.legend.orient = "bottom";
    spec.config.title.fontSize = 20;
    expect(compileChart(asSpec(spec)).warnings).toEqual([]);
    const svg = await renderSvg(asSpec(spec));
    expect(svg).toContain('font-size="20px"');
  });

  it("a reference line added as an extra layer in every panel", async () => {
    const spec = editable(comparisonChart(exampleComparison(50)));
    spec.spec.layer.push({
      mark: { type: "rule", color: "#444", strokeDash: [2, 2] },
      encoding: { y: { datum: 0.5 } },
    });
    expect(compileChart(asSpec(spec)).warnings).toEqual([]);
    await renderSvg(asSpec(spec));
  });

  it("a single-view chart edited in place: explicit y domain and width", async () => {
    const spec = editable(curveChart(exampleCurves(100), { logY: true, yLabel: "exploitability" }));
    spec.layer[2].encoding.y.scale.domain = [1e-3, 10];
    spec.width = 300;
    expect(compileChart(asSpec(spec)).warnings).toEqual([]);
    const svg = await renderSvg(asSpec(spec));
    expect(svg).toContain("exploitability");
  });
});

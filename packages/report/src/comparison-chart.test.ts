import { captureMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { comparisonChart } from "./comparison-chart.js";
import { exampleComparison } from "./examples.js";
import { chartNotes } from "./frame.js";
import { compileChart, renderSvg } from "./render-svg.js";

type Row = { series: string; kind: string; panel?: string; x: number; y?: number; lo?: number; hi?: number };
const rowsOf = (spec: unknown) => (spec as { data: { values: Row[] } }).data.values;

describe("comparisonChart", () => {
  it("compiles without warnings and facets by panel in input order", () => {
    const spec = comparisonChart(exampleComparison(50), { title: "T", columns: 2 });
    const { warnings, vega } = compileChart(spec);
    expect(warnings).toEqual([]);
    expect(vega.marks?.length).toBeGreaterThan(0);
    const facet = (spec as { facet: { field: string; sort: string[] } }).facet;
    expect(facet.field).toBe("panel");
    expect(facet.sort).toEqual(["learner 1", "learner 2", "learner 3", "learner 4"]);
    expect((spec as { columns: number }).columns).toBe(2);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("draws limits solid and simulation means dashed, in one legend with a consistent palette", () => {
    const spec = comparisonChart(exampleComparison(20));
    const layers = (
      spec as unknown as { spec: { layer: { encoding: Record<string, { scale?: unknown }> }[] } }
    ).spec.layer;
    const dash = layers[2].encoding.strokeDash.scale as { domain: string[]; range: number[][] };
    expect(dash.domain).toEqual(["mean-field ODE", "simulation N=100 (95% CI)"]);
    expect(dash.range[0]).toEqual([1, 0]);
    expect(dash.range[1][0]).toBeGreaterThan(1);
    const color = layers[0].encoding.color.scale as { domain: string[]; range: string[] };
    expect(color.domain).toEqual(dash.domain);
    expect(new Set(color.range).size).toBe(2);
  });

  it("gives each panel its own y scale with independentY", async () => {
    const spec = comparisonChart(exampleComparison(30), { independentY: true, logY: true });
    expect((spec as { resolve?: unknown }).resolve).toEqual({ scale: { y: "independent" } });
    expect(compileChart(spec).warnings).toEqual([]);
    const shared = comparisonChart(exampleComparison(30));
    expect("resolve" in shared).toBe(false);
    await renderSvg(spec);
  });

  it("is a single view without panels, and copies panel-less series into every panel", () => {
    const single = comparisonChart({ lines: [{ name: "a", x: [0, 1], y: [0, 1] }], bands: [] });
    expect("facet" in single).toBe(false);
    const mixed = comparisonChart({
      lines: [
        { name: "equilibrium", x: [0, 1], y: [0.5, 0.5] },
        { name: "ode", x: [0, 1], y: [0, 1], panel: "p" },
        { name: "ode", x: [0, 1], y: [1, 0], panel: "q" },
      ],
      bands: [],
    });
    const reference = rowsOf(mixed).filter((r) => r.series === "equilibrium");
    expect(reference.map((r) => r.panel).sort()).toEqual(["p", "p", "q", "q"]);
  });

  it("drops non-finite values with a note and still renders", async () => {
    const spec = comparisonChart(
      {
        lines: [{ name: "ode", x: [0, 1, 2, 3], y: [0.1, Number.NaN, 0.3, Number.NEGATIVE_INFINITY] }],
        bands: [
          { name: "sim", x: [0, 1, 2], lower: [0, 0, Number.NaN], upper: [1, 1, 1], mean: [0.5, 0.5, 0.5] },
        ],
      },
      { title: "with holes" },
    );
    const rows = rowsOf(spec);
    expect(
      rows.every((r) => [r.x, r.y, r.lo, r.hi].every((v) => v === undefined || Number.isFinite(v))),
    ).toBe(true);
    expect(rows.filter((r) => r.kind === "line").length).toBe(2);
    const notes = chartNotes(spec);
    expect(notes).toEqual(["sim: 1 non-finite point dropped", "ode: 2 non-finite points dropped"]);
    const svg = await renderSvg(spec);
    expect(svg).toContain("Note: ode: 2 non-finite points dropped");
  });

  it("clamps band lower bounds ≤ 0 on a log y axis", () => {
    const spec = comparisonChart(
      {
        lines: [],
        bands: [{ name: "sim", x: [1, 2, 3], lower: [-0.1, 0.01, 0.02], upper: [0.3, 0.2, 0.1] }],
      },
      { logY: true },
    );
    const lows = rowsOf(spec).map((r) => r.lo);
    expect(lows).toEqual([0.01, 0.01, 0.02]);
    expect(compileChart(spec).warnings).toEqual([]);
  });

  it("decimates a 1e5-point series to ≤ 2000 rows keeping endpoints and extremes", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i / n);
    const y = x.map((t) => Math.sin(40 * t));
    y[31_415] = 3;
    const rows = rowsOf(comparisonChart({ lines: [{ name: "long", x, y }], bands: [] }));
    expect(rows.length).toBeLessThanOrEqual(2000);
    expect(rows[0].x).toBe(0);
    expect(rows[rows.length - 1].x).toBe(x[n - 1]);
    expect(Math.max(...rows.map((r) => r.y!))).toBe(3);
    expect(Math.min(...rows.map((r) => r.y!))).toBe(Math.min(...y));
  });

  it("renders an SVG naming the title, axes, panels and every series", async () => {
    const svg = await renderSvg(
      comparisonChart(exampleComparison(200), {
        title: "Cooperation rate",
        xLabel: "time t",
        yLabel: "P(cooperate)",
      }),
    );
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of [
      "Cooperation rate",
      "time t",
      "P(cooperate)",
      "learner 4",
      "mean-field ODE",
      "simulation N=100",
    ]) {
      expect(svg).toContain(text);
    }
  });

  it("throws invalid-shape with the path of a mismatched band", () => {
    const error = captureMfkitError(() =>
      comparisonChart({ lines: [], bands: [{ name: "b", x: [0, 1], lower: [0, 1], upper: [1] }] }),
    );
    expect(error.code).toBe("invalid-shape");
    expect(error.path).toEqual(["bands", 0, "upper"]);
  });
});

import { describe, expect, it } from "vitest";
import { curveChart } from "./curve-chart.js";
import { chartNotes } from "./frame.js";
import { compileChart, renderSvg } from "./render-svg.js";

describe("curveChart", () => {
  it("builds a log-y learning-curve chart that compiles cleanly and names every curve", async () => {
    const k = Array.from({ length: 3000 }, (_, i) => i + 1);
    const spec = curveChart(
      [
        { name: "fictitious play", x: k, y: k.map((i) => 1 / Math.sqrt(i)) },
        { name: "mirror descent", x: k, y: k.map((i) => 1 / i), dashed: true },
      ],
      { title: "Exploitability", xLabel: "iteration", yLabel: "exploitability", logY: true },
    );
    expect(compileChart(spec).warnings).toEqual([]);
    const rows = (spec as { data: { values: { kind: string }[] } }).data.values;
    expect(rows.every((r) => r.kind === "line")).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(4000);
    const svg = await renderSvg(spec);
    for (const text of [
      "Exploitability",
      "iteration",
      "exploitability",
      "fictitious play",
      "mirror descent",
    ]) {
      expect(svg).toContain(text);
    }
    // Three decades of y: decade ticks labelled with superscripts.
    expect(svg).toContain("10⁻³");
  });

  it("drops points ≤ 0 on a log axis with a note", () => {
    const spec = curveChart([{ name: "gap", x: [1, 2, 3], y: [1, 0, 0.5] }], { logY: true });
    const notes = chartNotes(spec);
    expect(notes).toEqual(["gap: 1 point ≤ 0 dropped (log axis)"]);
  });
});

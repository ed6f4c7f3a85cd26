import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { bundledFontFiles } from "./font.js";
import { bundledAdvanceTables, measureText, textWidthEm } from "./text-metrics.js";

/** Ink width of `text` as resvg lays it out with the bundled font (an independent measurement). */
function resvgInkWidth(text: string, size: number, weight: "normal" | "bold"): number {
  const fonts = bundledFontFiles();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="60" font-family="DejaVu Sans" font-weight="${weight}" font-size="${size}">${text}</text></svg>`;
  const resvg = new Resvg(svg, { font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false } });
  const box = resvg.getBBox();
  if (box === undefined) throw new Error("nothing rendered");
  return box.width;
}

describe("text metrics of the bundled DejaVu Sans", () => {
  it("agree with the width resvg draws, regular and bold, within side bearings", () => {
    for (const [text, weight] of [
      ["simulation N=100 (95% CI)", "normal"],
      ["Exploitability vs iteration", "bold"],
      ["P(cooperate) — μ₁", "normal"],
    ] as const) {
      const predicted = measureText({ fontSize: 20, fontWeight: weight }, text);
      const drawn = resvgInkWidth(text, 20, weight);
      // Ink excludes the outer side bearings (≲ 0.1 em each) and kerning is ignored: a few px at 20 px.
      expect(Math.abs(predicted - drawn)).toBeLessThan(5);
    }
  });

  it("has tabular digits, a bold face wider than the regular one, and scales with the size", () => {
    const { regular, bold } = bundledAdvanceTables();
    expect(textWidthEm(regular, "0000")).toBeCloseTo(textWidthEm(regular, "1987"), 12);
    expect(textWidthEm(bold, "learner")).toBeGreaterThan(textWidthEm(regular, "learner"));
    expect(measureText({ fontSize: 22 }, "abc")).toBeCloseTo(2 * measureText({ fontSize: 11 }, "abc"), 9);
  });

  it("caps the width at the item's limit and measures blank text as 0", () => {
    expect(measureText({ fontSize: 11, limit: 30 }, "a very long legend label indeed")).toBe(30);
    expect(measureText({ fontSize: 11 }, "   ")).toBe(0);
    expect(measureText({ fontSize: 11 }, null)).toBe(0);
  });
});

import { captureMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { phasePortrait } from "./phase-portrait.js";
import { compileChart, renderSvg } from "./render-svg.js";

/** Replicator dynamics of matching pennies on a 5×5 grid of [0, 1]². */
function pennies() {
  const field = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
  for (let i = 0; i <= 4; i++) {
    for (let j = 0; j <= 4; j++) {
      const [x, y] = [i / 4, j / 4];
      field.x.push(x);
      field.y.push(y);
      field.u.push(x * (1 - x) * (2 * y - 1));
      field.v.push(y * (1 - y) * (1 - 2 * x));
    }
  }
  return field;
}

type Row = { kind: string; x: number; y: number; x2?: number; y2?: number; angle?: number };

describe("phasePortrait", () => {
  it("draws equal-length arrows (in pixels) pointing along (u, v)", () => {
    const field = pennies();
    const spec = phasePortrait(field, [], { width: 400, height: 200, xDomain: [0, 1], yDomain: [0, 1] });
    expect(compileChart(spec).warnings).toEqual([]);
    const rows = (spec as { data: { values: Row[] } }).data.values;
    const shafts = rows.filter((r) => r.kind === "shaft");
    const moving = field.u.filter((u, i) => u !== 0 || field.v[i] !== 0).length;
    expect(shafts.length).toBe(moving);
    // Pixel lengths all equal 0.8 × min(400/5, 200/5) = 32.
    for (const s of shafts) expect(Math.hypot((s.x2! - s.x) * 400, (s.y2! - s.y) * 200)).toBeCloseTo(32, 9);
    // At (0.25, 0.75): u = 0.1875·0.5 > 0, v = 0.1875·0.5 > 0; the pixel direction is (u·400, v·200).
    const heads = rows.filter((r) => r.kind === "head");
    const k = field.x.findIndex((x, i) => x === 0.25 && field.y[i] === 0.75);
    const u = field.u[k] * 400;
    const v = field.v[k] * 200;
    const head = heads.find((h) => Math.abs(h.x - (0.25 + (16 * u) / Math.hypot(u, v) / 400)) < 1e-12);
    expect(head).toBeDefined();
    expect(head!.angle).toBeCloseTo((Math.atan2(u, v) * 180) / Math.PI, 9);
  });

  it("renders trajectories with their names, and notes non-finite samples", async () => {
    const t = Array.from({ length: 200 }, (_, i) => (2 * Math.PI * i) / 199);
    const field = pennies();
    field.u[7] = Number.NaN;
    const spec = phasePortrait(
      field,
      [
        {
          name: "orbit from (0.3, 0.5)",
          x: t.map((s) => 0.5 - 0.2 * Math.cos(s)),
          y: t.map((s) => 0.5 + 0.2 * Math.sin(s)),
        },
      ],
      { title: "Matching pennies", xLabel: "P(heads) 1", yLabel: "P(heads) 2" },
    );
    const svg = await renderSvg(spec);
    for (const text of [
      "Matching pennies",
      "P(heads) 1",
      "P(heads) 2",
      "orbit from (0.3, 0.5)",
      "vector field: 1 non-finite point dropped",
    ]) {
      expect(svg).toContain(text);
    }
  });

  it("rejects an empty or reversed domain with invalid-argument", () => {
    const error = captureMfkitError(() => phasePortrait(pennies(), [], { xDomain: [1, 0] }));
    expect(error.code).toBe("invalid-argument");
    expect(error.path).toEqual(["options", "xDomain"]);
  });
});

import { describe, expect, it } from "vitest";
import { logAxis, positiveExtent, powerOfTenLabel } from "./log-axis.js";

describe("log axes", () => {
  it("writes powers of ten with superscripts", () => {
    expect(powerOfTenLabel(-12)).toBe("10⁻¹²");
    expect(powerOfTenLabel(3)).toBe("10³");
  });

  it("ticks the covering decades from two decades on, leaves shorter spans to vega", () => {
    expect(logAxis([0.2, 0.9])).toEqual({});
    expect(logAxis([0.02, 0.9])).toEqual({ values: [0.01, 0.1, 1], format: "~g" });
    const wide = logAxis([3e-5, 2]);
    expect(wide.values).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
    expect(wide.labelExpr).toContain("'10⁻⁵'");
    expect(logAxis([1, 1000]).values).toEqual([1, 10, 100, 1000]);
  });

  it("takes the extent over positive finite values only", () => {
    const rows = [{ y: 0 }, { y: -1, lo: 0.5 }, { y: Number.NaN, hi: 40 }, { y: 2 }];
    expect(positiveExtent(rows, ["y", "lo", "hi"])).toEqual([0.5, 40]);
    expect(positiveExtent([{ y: 0 }], ["y"])).toBeUndefined();
  });
});

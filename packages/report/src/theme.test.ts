import { describe, expect, it } from "vitest";
import { assignColors, PALETTE } from "./theme.js";

describe("assignColors", () => {
  it("gives palette colours in order of first appearance, one per name", () => {
    const { domain, range } = assignColors([
      { name: "ode" },
      { name: "sim" },
      { name: "ode" },
      { name: "ref" },
    ]);
    expect(domain).toEqual(["ode", "sim", "ref"]);
    expect(range).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
  });

  it("lets an explicit colour win without consuming a palette slot", () => {
    const { range } = assignColors([{ name: "a", color: "#123456" }, { name: "b" }]);
    expect(range).toEqual(["#123456", PALETTE[0]]);
  });
});

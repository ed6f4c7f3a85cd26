import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMfkitError } from "@mfkit/core";
import { afterAll, describe, expect, it } from "vitest";
import { curveChart } from "./curve-chart.js";
import { writeChart } from "./write-chart.js";

const spec = curveChart([{ name: "ode", x: [0, 1, 2], y: [1, 0.5, 0.25] }], { title: "Decay" });
const roots: string[] = [];
const scratch = async () => {
  const root = await mkdtemp(join(tmpdir(), "mfkit-report-"));
  roots.push(root);
  return root;
};
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe("writeChart", () => {
  it("writes .svg, .png and .json by extension, creating folders", async () => {
    const root = await scratch();
    await writeChart(join(root, "a/b/chart.svg"), spec);
    await writeChart(join(root, "a/c/chart.PNG"), spec, { width: 300 });
    await writeChart(join(root, "chart.json"), spec);
    expect(await readFile(join(root, "a/b/chart.svg"), "utf8")).toContain("Decay");
    const png = await readFile(join(root, "a/c/chart.PNG"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(300);
    expect(JSON.parse(await readFile(join(root, "chart.json"), "utf8"))).toEqual(spec);
  });

  it("rejects other extensions with a typed error before writing anything", async () => {
    const root = await scratch();
    for (const name of ["chart.pdf", "chart", "dir/chart.svg.txt"]) {
      const file = join(root, name);
      await expect(writeChart(file, spec)).rejects.toSatisfy(
        (error: unknown) =>
          isMfkitError(error) && error.code === "invalid-argument" && error.path[0] === "file",
      );
      expect(existsSync(file)).toBe(false);
    }
    expect(existsSync(join(root, "dir"))).toBe(false);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const reference = join(repoRoot, "test/reference/prisoners-dilemma-4");
const expected = JSON.parse(readFileSync(join(reference, "expected-ode.json"), "utf8"));

describe("mfkit homogenize / simulate / compare", () => {
  it("homogenize at 1e-10 matches expected-ode.json to ≤ 1e-7 (acceptance)", () => {
    const run = runCli(["homogenize", join(reference, "spec.json"), "--rtol", "1e-10", "--atol", "1e-10"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      t: number[];
      params: number[][][][];
      stateDistribution: number[][];
    };
    let params = 0;
    let states = 0;
    out.t.forEach((t, k) => {
      expect(Math.abs(t - expected.t[k])).toBeLessThan(1e-12);
      for (let i = 0; i < 2; i++)
        for (let s = 0; s < 4; s++)
          for (let a = 0; a < 2; a++)
            params = Math.max(params, Math.abs(out.params[i]![k]![s]![a]! - expected.params[i][k][s][a]));
      for (let s = 0; s < 4; s++)
        states = Math.max(states, Math.abs(out.stateDistribution[k]![s]! - expected.stateDistribution[k][s]));
    });
    expect(params).toBeLessThanOrEqual(1e-7);
    expect(states).toBeLessThanOrEqual(1e-7);
  });

  it("homogenize --method rk4 --step 1 matches expected-ode.json to ≤ 1e-7 (the step reaches the solver)", () => {
    // Fourth order: 1.6e-7 at step 2, so about 1e-8 at step 1.
    const run = runCli(["homogenize", join(reference, "spec.json"), "--method", "rk4", "--step", "1"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { params: number[][][][] };
    let params = 0;
    for (let i = 0; i < 2; i++)
      out.params[i]!.forEach((table, k) => {
        for (let s = 0; s < 4; s++)
          for (let a = 0; a < 2; a++)
            params = Math.max(params, Math.abs(table[s]![a]! - expected.params[i][k][s][a]));
      });
    expect(params).toBeLessThanOrEqual(1e-7);
  });

  it("simulate writes the documented JSON, reproducibly", () => {
    const dir = mkdtempSync(join(tmpdir(), "mfkit-"));
    const spec = JSON.parse(readFileSync(join(reference, "spec.json"), "utf8"));
    writeFileSync(join(dir, "spec.json"), JSON.stringify({ ...spec, horizon: 100, evalTimes: [0, 50, 100] }));
    const args = ["simulate", join(dir, "spec.json"), "--runs", "20", "--seed", "5"];
    const first = runCli([...args, "--out", join(dir, "a.json")]);
    const second = runCli([...args, "--out", join(dir, "b.json")]);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    const a = readFileSync(join(dir, "a.json"), "utf8");
    expect(a).toBe(readFileSync(join(dir, "b.json"), "utf8"));
    const out = JSON.parse(a);
    expect(out.t).toEqual([0, 50, 100]);
    expect(out.meanParams).toHaveLength(2);
    expect(out.meanParams[0]).toHaveLength(3);
    expect(out.stdParams[1][2]).toHaveLength(4);
    expect(out.stateFrequency[2]).toHaveLength(4);
  });

  it("compare prints the distance table as JSON and writes a plot", () => {
    const dir = mkdtempSync(join(tmpdir(), "mfkit-"));
    const spec = JSON.parse(readFileSync(join(reference, "spec.json"), "utf8"));
    writeFileSync(
      join(dir, "spec.json"),
      JSON.stringify({ ...spec, horizon: 200, evalTimes: [0, 100, 200] }),
    );
    const run = runCli([
      "compare",
      join(dir, "spec.json"),
      "--runs",
      "50",
      "--seed",
      "1",
      "--json",
      "--plot",
      join(dir, "p.svg"),
    ]);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.rows).toHaveLength(3);
    expect(out.runs).toBe(50);
    expect(out.paramsSup).toBeGreaterThan(0);
    expect(out.paramsSup).toBeLessThan(0.5);
    expect(readFileSync(join(dir, "p.svg"), "utf8")).toContain("<svg");
  });

  it("bad input exits with code 2 and a typed message naming the place", () => {
    const dir = mkdtempSync(join(tmpdir(), "mfkit-"));
    const spec = JSON.parse(readFileSync(join(reference, "spec.json"), "utf8"));
    spec.learners[1].epsilon = 1.5;
    writeFileSync(join(dir, "bad.json"), JSON.stringify(spec));
    const run = runCli(["homogenize", join(dir, "bad.json")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("mfkit: invalid-argument: learners[1].epsilon: must be ≤ 1, got 1.5\n");
    const missing = runCli(["homogenize", join(dir, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read the file");
    writeFileSync(join(dir, "broken.json"), "{ not json");
    expect(runCli(["homogenize", join(dir, "broken.json")]).stderr).toContain("not valid JSON");
  });
});

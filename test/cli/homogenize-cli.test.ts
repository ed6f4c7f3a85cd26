import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureMfkitError } from "@mfkit/core";
import { homogenize, parseExperimentOrThrow } from "@mfkit/homogenization";
import { describe, expect, it } from "vitest";
import { odeOptions } from "../../packages/cli/src/commands/homogenize.js";
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

  it("compare --method rk4 --step h solves the same ODE path as homogenize with the same flags (to 1e-12)", () => {
    const dir = mkdtempSync(join(tmpdir(), "mfkit-"));
    const spec = JSON.parse(readFileSync(join(reference, "spec.json"), "utf8"));
    // Instants off the step grid (37, 222), so the step has to be cut to reach them.
    const short = { ...spec, horizon: 300, evalTimes: [0, 37, 100, 150, 222, 300] };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(short));
    const ode = ["--method", "rk4", "--step", "25"];
    const limit = runCli(["homogenize", join(dir, "spec.json"), ...ode]);
    expect(limit.stderr).toBe("");
    expect(limit.status).toBe(0);
    const side = runCli([
      "compare",
      join(dir, "spec.json"),
      "--runs",
      "3",
      "--workers",
      "1",
      ...ode,
      "--json",
      "--out",
      join(dir, "c.json"),
    ]);
    expect(side.status).toBe(0);
    type Path = { t: number[]; params: number[][][][]; stateDistribution: number[][] };
    const fromHomogenize = JSON.parse(limit.stdout) as Path;
    const fromCompare = (JSON.parse(readFileSync(join(dir, "c.json"), "utf8")) as { ode: Path }).ode;
    const sup = (a: Path, b: Path) => {
      let d = 0;
      const flat = (p: Path) => [...p.params.flat(3), ...p.stateDistribution.flat()];
      const [x, y] = [flat(a), flat(b)];
      expect(x.length).toBe(y.length);
      for (let j = 0; j < x.length; j++) d = Math.max(d, Math.abs(x[j]! - y[j]!));
      return d;
    };
    expect(fromCompare.t).toEqual(short.evalTimes);
    expect(fromHomogenize.t).toEqual(short.evalTimes);
    expect(fromCompare.params[0]).toHaveLength(6);
    expect(sup(fromCompare, fromHomogenize)).toBeLessThanOrEqual(1e-12);
    // The flags reach the solver: rk4 at step 25 is ~5e-8 away from the default dopri5 path.
    const dopri5 = homogenize(parseExperimentOrThrow(short));
    expect(sup(fromCompare, dopri5 as unknown as Path)).toBeGreaterThan(1e-8);
  });

  it("a bad --method is a typed error naming the flag, the same for compare and homogenize (exit code 2)", () => {
    const spec = join(reference, "spec.json");
    const message =
      'mfkit: unknown-name: --method: unknown method "bogus" (expected dopri5, rosenbrock, rk4)\n';
    const viaCompare = runCli(["compare", spec, "--runs", "3", "--method", "bogus"]);
    expect(viaCompare.status).toBe(2);
    expect(viaCompare.stderr).toBe(message);
    const viaHomogenize = runCli(["homogenize", spec, "--method", "bogus"]);
    expect(viaHomogenize.status).toBe(2);
    expect(viaHomogenize.stderr).toBe(message);
  });

  it("odeOptions (shared by homogenize and compare) checks the flags before anything runs", () => {
    const failure = (flags: Parameters<typeof odeOptions>[0]) => {
      const error = captureMfkitError(() => odeOptions(flags));
      return [error.code, error.path, error.reason];
    };
    expect(failure({ method: "euler" })).toEqual([
      "unknown-name",
      ["--method"],
      'unknown method "euler" (expected dopri5, rosenbrock, rk4)',
    ]);
    // Not a prototype key either.
    expect(failure({ method: "toString" })[1]).toEqual(["--method"]);
    expect(failure({ method: "rk4" })).toEqual([
      "invalid-argument",
      ["--step"],
      "--method rk4 needs a fixed step",
    ]);
    expect(failure({ step: "1" })).toEqual([
      "invalid-argument",
      ["--step"],
      "a fixed step needs --method rk4",
    ]);
    expect(failure({ method: "dopri5", step: "1" })[1]).toEqual(["--step"]);
    expect(failure({ method: "rk4", step: "0" })).toEqual([
      "invalid-argument",
      ["--step"],
      "must be > 0, got 0",
    ]);
    expect(failure({ method: "rk4", step: "x" })).toEqual([
      "invalid-argument",
      ["--step"],
      'expected a number, got "x"',
    ]);
    expect(failure({ rtol: "tight" })[1]).toEqual(["--rtol"]);
    expect(failure({ atol: "" })[1]).toEqual(["--atol"]);
    expect(odeOptions({ method: "rk4", step: "0.5", rtol: "1e-8", atol: "1e-11" })).toEqual({
      method: "rk4",
      step: 0.5,
      rtol: 1e-8,
      atol: 1e-11,
    });
    expect(odeOptions({ method: "rosenbrock" })).toEqual({ method: "rosenbrock" });
    expect(odeOptions({})).toEqual({});
  });
});

import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMfkitError } from "@mfkit/core";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import {
  register,
  runInducedExploitability,
  runInducedLearn,
  runInducedSolve,
  runInducedSymmetry,
} from "./induced.js";

const dir = mkdtempSync(join(tmpdir(), "mfkit-induced-"));
const base = { param: [] as string[], json: true };

describe("mfkit induced", () => {
  it("registers four subcommands", () => {
    const program = new Command();
    register(program);
    const induced = program.commands.find((c) => c.name() === "induced")!;
    expect(induced.commands.map((c) => c.name()).sort()).toEqual([
      "exploitability",
      "learn",
      "solve",
      "symmetry",
    ]);
  });

  it("exploitability: left_right bracket per N closes on E_M + 1/(4N) for the uniform policy, with a plot", async () => {
    const plot = join(dir, "lr.json");
    const doc = await runInducedExploitability({
      ...base,
      env: "left_right",
      n: "2,10,100",
      policy: "uniform",
      algo: "pmd",
      iterations: "10",
      seed: "1",
      plot,
    });
    const rows = doc.rows as { N: number; lower: number; upper: number }[];
    expect(rows.map((r) => r.N)).toEqual([2, 10, 100]);
    for (const r of rows) {
      expect(r.lower).toBeCloseTo(0.25 + 0.25 / r.N, 10);
      expect(r.upper).toBeCloseTo(r.lower, 10);
    }
    expect(existsSync(plot)).toBe(true);
    expect(JSON.parse(readFileSync(plot, "utf8")).$schema).toContain("vega-lite");
  });

  it("symmetry: α, β and the bound for heterogeneous SIS; the measured bracket stays below the bound", async () => {
    const doc = await runInducedSymmetry({
      ...base,
      env: "susceptible_infected",
      param: ["T=2"],
      n: "4",
      uMax: "0.1",
      vMax: "0.1",
      iterations: "40",
    });
    const row = (doc.rows as Record<string, unknown>[])[0]!;
    expect(row.alpha).toBeCloseTo(2 * 0.81 * 0.1 * (3 / 4), 12);
    expect(row.beta).toBeCloseTo(0.15, 12);
    const measured = row.measured as { upper: number };
    expect(measured.upper).toBeLessThanOrEqual((row.bound as { total: number }).total);
  });

  it("solve and learn run on the induced MFG and report the target", async () => {
    const s = await runInducedSolve({ ...base, env: "beach_bar", n: "20", algo: "pmd", iterations: "20" });
    expect((s.exploitability as number[]).length).toBe(21);
    expect(String(s.target)).toContain("induced(");
    const l = await runInducedLearn({
      ...base,
      env: "beach_bar",
      n: "50",
      estimator: "pooled-td",
      iterations: "5",
      episodes: "5",
      seed: "2",
    });
    expect(l.agentSteps).toBe(5 * 5 * 50 * 3);
    expect(String(l.target)).toContain("pooled TD");
  });

  it("bad input gives typed errors", async () => {
    const fail = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        if (isMfkitError(error)) return error;
        throw error;
      }
      throw new Error("expected an MfkitError");
    };
    const e1 = await fail(() =>
      runInducedSolve({ ...base, env: "left_right", n: "1", algo: "pmd", iterations: "5" }),
    );
    expect(e1.code).toBe("invalid-argument");
    const e2 = await fail(() =>
      runInducedSolve({ ...base, env: "crowd_motion", n: "5", algo: "pmd", iterations: "5" }),
    );
    expect(e2.code).toBe("unknown-name");
    const e3 = await fail(() =>
      runInducedSolve({
        ...base,
        env: "susceptible_infected",
        n: "5",
        uMax: "0.5",
        algo: "pmd",
        iterations: "5",
      }),
    );
    expect(e3.code).toBe("invalid-probability");
  });
});

import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMfkitError } from "@mfkit/core";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { register, runErrorVsN, runLearn, runSimulate, runTmfSolve } from "./tmf.js";

const dir = mkdtempSync(join(tmpdir(), "mfkit-tmf-"));

describe("mfkit tmf", () => {
  it("registers games, error-vs-n, simulate, solve and learn", () => {
    const program = new Command();
    register(program);
    const tmf = program.commands.find((c) => c.name() === "tmf")!;
    expect(tmf.commands.map((c) => c.name()).sort()).toEqual([
      "error-vs-n",
      "games",
      "learn",
      "simulate",
      "solve",
    ]);
  });

  it("error-vs-n returns cells with CIs and slopes, and plots", async () => {
    const plot = join(dir, "err.json");
    const doc = await runErrorVsN({
      env: "resource-selection",
      param: ["horizon=10"],
      ns: "50,200,800",
      batch: "1,1.0",
      seeds: "4",
      decisions: "5",
      seed: "1",
      json: true,
      plot,
    });
    const cells = doc.cells as Array<{ meanError: number; low: number; high: number; batch: string }>;
    expect(cells).toHaveLength(6);
    // A proper interval around the mean (low ≤ mean alone holds by construction whatever the spread).
    for (const c of cells) {
      expect(c.low).toBeLessThan(c.meanError);
      expect(c.high).toBeGreaterThan(c.meanError);
    }
    expect((doc.slopes as unknown[]).length).toBe(2);
    expect(existsSync(plot)).toBe(true);
    expect(JSON.parse(readFileSync(plot, "utf8")).$schema).toContain("vega-lite");
  });

  it("simulate keeps finished runs when interrupted", async () => {
    const controller = new AbortController();
    controller.abort();
    const doc = await runSimulate(
      { env: "queueing", param: [], n: "100", batch: "0.5", runs: "5", seed: "1", json: true },
      controller.signal,
    );
    expect(doc.runs).toBe(0);
    expect(doc.interrupted).toBe(true);
    const full = await runSimulate({
      env: "queueing",
      param: ["horizon=5"],
      n: "100",
      bernoulli: "0.3",
      runs: "3",
      seed: "1",
      json: true,
    });
    expect(full.runs).toBe(3);
    expect((full.meanField as number[][]).length).toBe(6);
  });

  it("solve --anneal runs stages × iterations of PMD and keeps the least exploitable iterate", async () => {
    const solved = await runTmfSolve({
      env: "resource-selection",
      param: ["horizon=10"],
      rho: "0.3",
      algo: "omd",
      anneal: "4",
      iterations: "30",
      atol: "0",
      json: true,
    });
    const [solution] = solved.solutions as Array<{
      iterations: number;
      exploitability: number;
      trace: number[];
    }>;
    expect(solution.iterations).toBe(120);
    expect(solution.trace.length).toBe(121);
    // The direct exploitability of the returned policy is the trace's minimum (same quantity, two codes).
    expect(solution.exploitability).toBeCloseTo(Math.min(...solution.trace), 10);
  });

  it("solve --polish turns OMD's policy into an exact equilibrium and reports how (μ0 = κ, ρ = 0.3)", async () => {
    const solved = await runTmfSolve({
      env: "resource-selection",
      param: ["horizon=10", "mu0=0.1,0.15,0.2,0.25,0.3"],
      rho: "0.3",
      algo: "omd",
      alpha: "0.1",
      iterations: "200",
      atol: "0",
      polish: true,
      json: true,
    });
    const [solution] = solved.solutions as Array<{
      exploitability: number;
      polish: { converged: boolean; before: number };
      midLoad: number[];
    }>;
    expect(solution.polish.converged).toBe(true);
    expect(solution.polish.before).toBeGreaterThan(1e-4);
    expect(solution.exploitability).toBeLessThan(1e-10);
    expect(solution.midLoad.map((x) => Number(x.toFixed(10)))).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
  });

  it("solve --exact (resource-selection): exact equilibria at equal decisions per agent, typed error elsewhere", async () => {
    const solved = await runTmfSolve({
      env: "resource-selection",
      param: [],
      rho: "1,0.3",
      decisions: "6",
      algo: "omd",
      iterations: "1",
      exact: true,
      json: true,
    });
    expect(solved.algorithm).toBe("lcp");
    const solutions = solved.solutions as Array<{
      horizon: number;
      exploitability: number;
      choices: number[][];
    }>;
    expect(solutions.map((s) => s.horizon)).toEqual([5, 19]);
    for (const s of solutions) {
      expect(s.exploitability).toBeLessThan(1e-10);
      expect(s.choices).toHaveLength(s.horizon + 1);
    }
    await expect(
      runTmfSolve({
        env: "queueing",
        param: [],
        rho: "1",
        algo: "omd",
        iterations: "1",
        exact: true,
        json: true,
      }),
    ).rejects.toMatchObject({ code: "invalid-argument", path: ["--exact"] });
  });

  it("solve compares ρ at equal decisions per agent; learn reports the gap to the equilibrium", async () => {
    const solved = await runTmfSolve({
      env: "resource-selection",
      param: [],
      rho: "1,0.5",
      decisions: "6",
      algo: "pmd",
      tau: "2",
      eta: "1",
      iterations: "60",
      evalEvery: "20",
      json: true,
    });
    const solutions = solved.solutions as Array<{ horizon: number; decisionsPerAgent: number }>;
    expect(solutions.map((s) => s.horizon)).toEqual([5, 11]);
    expect(solutions.map((s) => s.decisionsPerAgent)).toEqual([6, 6]);
    const learned = await runLearn({
      env: "resource-selection",
      param: ["horizon=8"],
      rho: "1",
      mode: "exact",
      n: "100",
      iterations: "20",
      entropy: "2",
      evalEvery: "10",
      seed: "1",
      reference: true,
      json: true,
    });
    const curve = (learned.curves as Array<{ exploitability: number[]; reference: { gap: number } }>)[0];
    expect(curve.exploitability).toHaveLength(3);
    expect(Number.isFinite(curve.reference.gap)).toBe(true);
  });

  it("bad flags are typed errors", async () => {
    const bad = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        return isMfkitError(error) ? error.path : error;
      }
      return "no error";
    };
    expect(
      await bad(() =>
        runErrorVsN({
          env: "queueing",
          param: [],
          ns: "10",
          batch: "20",
          seeds: "2",
          decisions: "2",
          seed: "1",
          json: true,
        }),
      ),
    ).toEqual(["batch"]);
    expect(
      await bad(() => runSimulate({ env: "nope", param: [], n: "10", runs: "1", seed: "1", json: true })),
    ).toEqual(["env"]);
    expect(
      await bad(() =>
        runTmfSolve({ env: "queueing", param: [], rho: "1", algo: "magic", iterations: "1", json: true }),
      ),
    ).toEqual(["--algo"]);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MfkitError } from "@mfkit/core";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { environmentListing, parseParams, register, runSolve, type SolveFlags } from "./mfg.js";

const base: SolveFlags = { param: [], algo: "fp", iterations: "10", exploitability: true, json: true };

async function cli(args: string[]): Promise<string> {
  const program = new Command();
  program.exitOverride();
  register(program);
  let text = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "mfkit", ...args]);
  } finally {
    spy.mockRestore();
  }
  return text;
}

afterEach(() => {
  process.removeAllListeners("SIGINT");
});

describe("mfg solve", () => {
  it("left_right with FP: the JSON document has e_0..e_K, runtimes and the nested policy", async () => {
    const out = JSON.parse(
      await cli([
        "mfg",
        "solve",
        "--env",
        "left_right",
        "--algo",
        "fp",
        "--iterations",
        "20",
        "--atol",
        "null",
        "--rtol",
        "null",
        "--json",
      ]),
    );
    expect(out.exploitability).toHaveLength(21);
    expect(out.exploitability[0]).toBeCloseTo(0.25, 15);
    expect(out.runtimeMs).toHaveLength(21);
    expect(out.policy).toHaveLength(2);
    expect(out.policy[0]).toHaveLength(3);
    expect(out.policy[0][0]).toHaveLength(2);
    expect(out.environment.name).toBe("left_right");
    expect(out.algorithm).toMatchObject({ algorithm: "fp", alpha: 0, maxIterations: 20 });
  });

  it("OMD with explicit α reaches π_0(L|C) = 2/3 and passes --param through", async () => {
    const doc = await runSolve({
      ...base,
      env: "left_right",
      param: ["mu0=[1,0,0]"],
      algo: "omd",
      alpha: "1",
      iterations: "200",
      atol: "null",
      rtol: "null",
    });
    const policy = doc.policy as number[][][];
    expect(policy[0]![0]![0]).toBeCloseTo(2 / 3, 9);
    expect((doc.environment as { params: unknown }).params).toEqual({ mu0: "[1,0,0]" });
  });

  it("--env-file builds the game from a user spec; --no-exploitability gives no trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mfg-"));
    const spec = join(dir, "lr.json");
    writeFileSync(
      spec,
      JSON.stringify({
        name: "lr-spec",
        horizon: 1,
        states: ["C", "L", "R"],
        actions: ["left", "right"],
        mu0: [1, 0, 0],
        reward: { C: 0, L: "-mu(1)", R: "-2 * mu(2)" },
        transition: [{ to: "1 + a" }],
      }),
    );
    const doc = await runSolve({ ...base, envFile: spec, algo: "pmd", tau: "0.1", iterations: "5" });
    expect((doc.exploitability as number[])[0]).toBeCloseTo(0.25, 15);
    expect(doc.regularizedExploitability).toHaveLength(6);
    const quiet = await runSolve({ ...base, envFile: spec, exploitability: false });
    expect(quiet.exploitability).toEqual([]);
    expect(quiet.iterations).toBe(10);
  });

  it("--plot writes the exploitability chart (vega-lite JSON here) and --out the document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mfg-"));
    const plot = join(dir, "curve.json");
    const outFile = join(dir, "out.json");
    await cli([
      "mfg",
      "solve",
      "--env",
      "rock_paper_scissors",
      "--algo",
      "omd",
      "--alpha",
      "0.1",
      "--iterations",
      "5",
      "--json",
      "--plot",
      plot,
      "--out",
      outFile,
    ]);
    const spec = JSON.parse(readFileSync(plot, "utf8"));
    expect(JSON.stringify(spec)).toMatch(/exploitability/);
    expect(JSON.parse(readFileSync(outFile, "utf8")).exploitability.length).toBeGreaterThan(1);
  });

  it("parses --no-exploitability, --param and algorithm flags from the command line", async () => {
    const out = JSON.parse(
      await cli([
        "mfg",
        "solve",
        "--env",
        "susceptible_infected",
        "--param",
        "T=5",
        "--algo",
        "pd",
        "--eta",
        "2",
        "--n-inner",
        "3",
        "--iterations",
        "4",
        "--no-exploitability",
        "--json",
      ]),
    );
    expect(out.exploitability).toEqual([]);
    expect(out.iterations).toBe(4);
    expect(out.policy).toHaveLength(6);
    expect(out.algorithm).toMatchObject({ algorithm: "pd", eta: 2, nInner: 3 });
  });

  it("reports the best exploitability of a trace longer than the call stack allows to spread", async () => {
    const out = await runSolve({
      ...base,
      env: "left_right",
      algo: "fixed-point",
      iterations: "200000",
      atol: "null",
      rtol: "null",
    });
    expect(out.exploitability).toHaveLength(200_001);
    expect(out.bestExploitability).toBeCloseTo(0.25, 15); // e_0 of the uniform start; then 1, 2, 1, …
  });

  it("bad input gives typed errors naming the flag or parameter", async () => {
    const code = async (flags: Partial<SolveFlags>) => {
      try {
        await runSolve({ ...base, ...flags });
      } catch (error) {
        expect(error).toBeInstanceOf(MfkitError);
        return [(error as MfkitError).code, (error as MfkitError).path];
      }
      return undefined;
    };
    expect(await code({ env: "nowhere" })).toEqual(["unknown-name", ["environment"]]);
    expect(await code({ env: "left_right", param: ["bogus=1"] })).toEqual([
      "unknown-name",
      ["params", "bogus"],
    ]);
    expect(await code({ env: "left_right", algo: "sgd" })).toEqual(["unknown-name", ["--algo"]]);
    expect(await code({ env: "left_right", alpha: "x" })).toEqual(["invalid-argument", ["--alpha"]]);
    expect(await code({ env: "left_right", algo: "omd", alpha: "-1" })).toEqual([
      "invalid-argument",
      ["options", "alpha"],
    ]);
    expect(await code({})).toEqual(["invalid-argument", ["--env"]]);
    expect(() => parseParams(["novalue"])).toThrow(MfkitError);
  });
});

describe("mfg envs", () => {
  it("lists the registry with parameters and defaults, as text and JSON", async () => {
    const listing = environmentListing();
    expect(listing.map((e) => e.name)).toContain("left_right");
    const json = JSON.parse(await cli(["mfg", "envs", "--json"]));
    expect(json).toEqual(listing);
    expect(await cli(["mfg", "envs"])).toMatch(/susceptible_infected\n/);
  });
});

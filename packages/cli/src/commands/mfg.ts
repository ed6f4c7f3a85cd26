/**
 * `mfkit mfg envs | solve`: the built-in mean-field environments and the solvers of
 * docs/mean-field-games.md §5 (FP, fixed point, softmax fixed point, OMD, Munchausen OMD, prior
 * descent, PMD) with MFGLib's exploitability trace.
 */
import { MfkitError } from "@mfkit/core";
import {
  ALGORITHMS,
  type Algorithm,
  createEnvironment,
  environmentFromSpecOrThrow,
  listEnvironments,
  type MeanFieldGame,
  policyToNested,
  type SolveOptions,
  solve,
} from "@mfkit/mean-field";
import { curveChart, writeChart } from "@mfkit/report";
import type { Command } from "commander";
import { interruptSignal } from "../interrupt.js";
import { writeJson } from "../output.js";
import { createProgress } from "../progress.js";
import { parseNumberOption, readJsonFile } from "../spec-file.js";

/** The flags of `mfg solve` as commander hands them over (strings until parsed). */
export interface SolveFlags {
  env?: string;
  envFile?: string;
  param: string[];
  algo: string;
  alpha?: string;
  eta?: string;
  tau?: string;
  nInner?: string;
  temperature?: string;
  pmdForm?: string;
  ties?: string;
  iterations: string;
  atol?: string;
  rtol?: string;
  evalEvery?: string;
  exploitability: boolean;
  json?: boolean;
  plot?: string;
  out?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses repeated `key=value` flags into an object (values stay strings; the registry coerces them). */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new MfkitError("invalid-argument", `expected key=value, got "${pair}"`, ["--param"]);
    }
    params[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return params;
}

/** A tolerance flag: a number, or "null"/"none" to disable it. */
function tolerance(value: string | undefined, option: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "null" || value === "none") return null;
  return parseNumberOption(value, option);
}

function optionalNumber(value: string | undefined, option: string, integer = false): number | undefined {
  return value === undefined ? undefined : parseNumberOption(value, option, integer);
}

/** The game named by `--env` (+ `--param`) or read from `--env-file`. */
export function gameFromFlags(flags: Pick<SolveFlags, "env" | "envFile" | "param">): {
  game: MeanFieldGame;
  environment: Record<string, unknown>;
} {
  if ((flags.env === undefined) === (flags.envFile === undefined)) {
    throw new MfkitError("invalid-argument", "give exactly one of --env NAME and --env-file SPEC.json", [
      "--env",
    ]);
  }
  if (flags.envFile !== undefined) {
    if (flags.param.length > 0) {
      throw new MfkitError("invalid-argument", "--param applies to --env, not to --env-file", ["--param"]);
    }
    const game = environmentFromSpecOrThrow(readJsonFile(flags.envFile));
    return { game, environment: { file: flags.envFile, ...describeGame(game) } };
  }
  const params = parseParams(flags.param);
  const game = createEnvironment(flags.env!, params);
  return { game, environment: { params, ...describeGame(game) } };
}

function describeGame(game: MeanFieldGame): Record<string, unknown> {
  return {
    name: game.name,
    horizon: game.horizon,
    nStates: game.nStates,
    nActions: game.nActions,
    stateShape: game.stateShape,
    actionShape: game.actionShape,
  };
}

/** Solver options from the flags (unset flags keep the documented defaults). */
export function solveOptionsFromFlags(flags: SolveFlags): SolveOptions {
  if (!(ALGORITHMS as readonly string[]).includes(flags.algo)) {
    throw new MfkitError(
      "unknown-name",
      `unknown algorithm "${flags.algo}" (known: ${ALGORITHMS.join(", ")})`,
      ["--algo"],
    );
  }
  const options: SolveOptions = {
    algorithm: flags.algo as Algorithm,
    maxIterations: parseNumberOption(flags.iterations, "--iterations", true),
    computeExploitability: flags.exploitability,
  };
  const numbers: [keyof SolveOptions, string | undefined, string, boolean][] = [
    ["alpha", flags.alpha, "--alpha", false],
    ["eta", flags.eta, "--eta", false],
    ["tau", flags.tau, "--tau", false],
    ["nInner", flags.nInner, "--n-inner", true],
    ["temperature", flags.temperature, "--temperature", false],
    ["evalEvery", flags.evalEvery, "--eval-every", true],
  ];
  for (const [key, value, option, integer] of numbers) {
    const n = optionalNumber(value, option, integer);
    if (n !== undefined) (options as unknown as Record<string, unknown>)[key] = n;
  }
  const atol = tolerance(flags.atol, "--atol");
  const rtol = tolerance(flags.rtol, "--rtol");
  if (atol !== undefined) options.atol = atol;
  if (rtol !== undefined) options.rtol = rtol;
  if (flags.pmdForm !== undefined) options.pmdForm = flags.pmdForm as SolveOptions["pmdForm"];
  if (flags.ties !== undefined) options.ties = flags.ties as SolveOptions["ties"];
  return options;
}

/** Runs `mfg solve` and returns the JSON document it prints. */
export async function runSolve(flags: SolveFlags, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const { game, environment } = gameFromFlags(flags);
  const options = solveOptionsFromFlags(flags);
  const quiet = Boolean(flags.json);
  const progress = createProgress({
    total: options.maxIterations ?? 100,
    label: `mfg ${options.algorithm}`,
    enabled: quiet ? false : undefined,
  });
  const result = solve(game, {
    ...options,
    ...(signal ? { signal } : {}),
    onIteration: (k) => progress.update(k),
  });
  progress.finish();
  const document: Record<string, unknown> = {
    exploitability: result.exploitability,
    evaluatedIterations: result.evaluatedIterations,
    runtimeMs: result.runtimeMs,
    policy: policyToNested(game, result.policy),
    environment,
    algorithm: result.parameters,
    iterations: result.iterations,
    stoppedEarly: result.stoppedEarly,
    interrupted: result.interrupted,
  };
  if (result.regularizedExploitability) document.regularizedExploitability = result.regularizedExploitability;
  if (result.exploitability.length > 0) {
    // A loop, not Math.min(...trace): spreading a long trace overflows the call stack.
    document.bestExploitability = result.exploitability.reduce((m, e) => Math.min(m, e), Infinity);
  }
  if (flags.plot !== undefined) {
    if (result.exploitability.length === 0) {
      throw new MfkitError(
        "invalid-argument",
        "--plot needs the exploitability trace (drop --no-exploitability)",
        ["--plot"],
      );
    }
    const spec = curveChart(
      [{ name: options.algorithm, x: result.evaluatedIterations, y: result.exploitability }],
      {
        logY: true,
        title: `${game.name}: exploitability of ${options.algorithm}`,
        xLabel: "iteration",
        yLabel: "exploitability",
      },
    );
    await writeChart(flags.plot, spec);
  }
  return document;
}

/** The `mfg envs` listing. */
export function environmentListing(): Record<string, unknown>[] {
  return listEnvironments().map((info) => ({
    name: info.name,
    description: info.description,
    source: info.source,
    params: info.params.map((p) => ({
      name: p.name,
      type: p.type,
      default: p.default,
      description: p.description,
    })),
  }));
}

/** Registers `mfg envs` and `mfg solve`. */
export function register(program: Command): void {
  const mfg = program.command("mfg").description("finite-horizon mean-field games: environments and solvers");

  mfg
    .command("envs")
    .description("list the built-in environments with their parameters and defaults")
    .option("--json", "print JSON instead of text")
    .action((flags: { json?: boolean }) => {
      const listing = environmentListing();
      if (flags.json) {
        writeJson(listing, undefined);
        return;
      }
      for (const env of listing) {
        process.stdout.write(`${env.name}\n  ${env.description}\n`);
        for (const p of env.params as { name: string; type: string; default: unknown }[]) {
          process.stdout.write(`    ${p.name} (${p.type}) = ${JSON.stringify(p.default)}\n`);
        }
      }
    });

  mfg
    .command("solve")
    .description(
      "run a solver; prints JSON { exploitability, runtimeMs, policy[t][s][a], environment, algorithm, … }",
    )
    .option("--env <name>", "built-in environment (see `mfg envs`)")
    .option("--param <key=value>", "environment parameter (repeatable)", collect, [])
    .option("--env-file <spec>", "user environment spec (JSON) instead of --env")
    .requiredOption("--algo <name>", `algorithm: ${ALGORITHMS.join(" | ")}`)
    .option("--alpha <a>", "FP damping (0: 1/(k+2)); OMD / Munchausen learning rate (default 1)")
    .option("--eta <e>", "prior descent temperature (default 1); PMD step (default 0.5)")
    .option("--tau <t>", "PMD entropy temperature (default 0.1)")
    .option("--n-inner <n>", "prior descent: refresh the prior every n iterations")
    .option("--temperature <t>", "softmax fixed point temperature (default 1)")
    .option("--pmd-form <form>", "proximal | linearised")
    .option("--ties <rule>", "greedy ties: tolerance | exact | first")
    .option("--iterations <K>", "iterations", "100")
    .option("--atol <a>", "stop when e_k ≤ atol + rtol·e_0 (default 1e-3; 'null' disables)")
    .option("--rtol <r>", "(default 1e-3; 'null' disables)")
    .option("--eval-every <n>", "evaluate the exploitability every n iterations")
    .option("--no-exploitability", "skip the exploitability trace (faster; no early stopping)")
    .option("--json", "no progress bar")
    .option("--plot <file>", "exploitability curve (.svg, .png or .json vega-lite spec)")
    .option("--out <file>", "write the JSON to a file instead of stdout")
    .action(async (flags: SolveFlags) => {
      const document = await runSolve(flags, interruptSignal());
      writeJson(document, flags.out);
    });
}

/**
 * `mfkit tmf games | error-vs-n | simulate | solve | learn`: Temporal Mean Field (B of N agents act
 * per step; docs/temporal-mean-field.md). Every command prints JSON (to stdout or `--out`), shows a
 * progress bar on a terminal unless `--json`, keeps finished work on Ctrl-C, and can `--plot`.
 */
import { MfkitError } from "@mfkit/core";
import { ALGORITHMS, type Algorithm } from "@mfkit/mean-field";
import { comparisonChart, curveChart, scalingChart, writeChart } from "@mfkit/report";
import {
  type Activation,
  activationRate,
  batchLabel,
  createResourceSelection,
  createTmfGame,
  errorVsN,
  listTmfGames,
  meanFieldFlow,
  meanWithInterval,
  parseBatchLevel,
  type ResourceSelectionOptions,
  resolveBatch,
  resourceSelectionEquilibrium,
  type SimulatorKind,
  simulatePopulation,
  solveTmfEquilibrium,
  type TemporalMeanFieldGame,
  tmfGameNames,
  tmfGameParams,
  tmfPolicyGradient,
  tmfReturn,
  withOverrides,
} from "@mfkit/temporal-mean-field";
import type { Command } from "commander";
import { interruptSignal } from "../interrupt.js";
import { writeJson } from "../output.js";
import { createProgress } from "../progress.js";
import { parseNumberOption } from "../spec-file.js";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new MfkitError("invalid-argument", `expected key=value, got "${pair}"`, ["--param"]);
    params[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return params;
}

function numberList(text: string, option: string, integer = false): number[] {
  return text.split(",").map((part) => parseNumberOption(part, option, integer));
}

function optional(value: string | undefined, option: string, integer = false): number | undefined {
  return value === undefined ? undefined : parseNumberOption(value, option, integer);
}

interface GameFlags {
  env: string;
  param: string[];
  json?: boolean;
  out?: string;
  plot?: string;
}

function gameFromFlags(flags: GameFlags): {
  game: TemporalMeanFieldGame;
  environment: Record<string, unknown>;
} {
  const params = parseParams(flags.param);
  const game = createTmfGame(flags.env, params);
  return {
    game,
    environment: {
      name: flags.env,
      params,
      nObs: game.nObs,
      nActions: game.nActions,
      horizon: game.horizon,
      discount: game.discount,
      obsNames: game.obsNames,
    },
  };
}

function simulatorFlag(value: string | undefined): SimulatorKind {
  const kind = value ?? "auto";
  if (kind !== "auto" && kind !== "agent" && kind !== "count") {
    throw new MfkitError("unknown-name", `unknown simulator "${kind}" (agent | count | auto)`, [
      "--simulator",
    ]);
  }
  return kind;
}

function withGameOptions(command: Command): Command {
  return command
    .requiredOption("--env <name>", `game: ${tmfGameNames().join(" | ")}`)
    .option("--param <key=value>", "game parameter (repeatable), e.g. arrivals=exogenous", collect, [])
    .option("--json", "no progress bar (machine-readable run)")
    .option("--out <file>", "write the JSON to a file instead of stdout")
    .option("--plot <file>", "chart (.svg, .png or .json vega-lite spec)");
}

// ---------------------------------------------------------------------------------------------
// error-vs-n

export interface ErrorVsNFlags extends GameFlags {
  ns: string;
  batch: string;
  seeds: string;
  decisions: string;
  seed: string;
  simulator?: string;
}

/** Runs `tmf error-vs-n` and returns its JSON document. */
export async function runErrorVsN(
  flags: ErrorVsNFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const { game, environment } = gameFromFlags(flags);
  const populationSizes = numberList(flags.ns, "--ns", true);
  const batches = flags.batch.split(",").map(parseBatchLevel);
  for (const level of batches) for (const n of populationSizes) resolveBatch(level, n);
  const seeds = parseNumberOption(flags.seeds, "--seeds", true);
  const progress = createProgress({
    total: populationSizes.length * batches.length * seeds,
    label: "tmf error-vs-n",
    enabled: flags.json ? false : undefined,
  });
  const result = errorVsN(game, {
    populationSizes,
    batches,
    seeds,
    seed: flags.seed,
    decisionsPerAgent: parseNumberOption(flags.decisions, "--decisions", true),
    simulator: simulatorFlag(flags.simulator),
    ...(signal ? { signal } : {}),
    onProgress: (done) => progress.update(done),
  });
  progress.finish();
  if (flags.plot !== undefined && result.cells.length > 0) {
    const labels = batches.map(batchLabel);
    const spec = scalingChart(
      labels.map((label) => {
        const cells = result.cells.filter((c) => c.batch === label);
        const slope = result.slopes.find((s) => s.batch === label)?.slope;
        return {
          series: label,
          x: cells.map((c) => c.populationSize),
          y: cells.map((c) => c.meanError),
          lower: cells.map((c) => c.low),
          upper: cells.map((c) => c.high),
          ...(slope !== undefined ? { fittedSlope: slope } : {}),
        };
      }),
      {
        title: `${game.name}: time-averaged ℓ1 error of μ̂ against the mean field`,
        subtitle: `${result.decisionsPerAgent} decisions per agent, ${seeds} seeds, 95% CI`,
        xLabel: "N",
        yLabel: "mean ℓ1 error",
      },
    );
    await writeChart(flags.plot, spec);
  }
  return { environment, ...result };
}

// ---------------------------------------------------------------------------------------------
// simulate

export interface SimulateFlags extends GameFlags {
  n: string;
  batch?: string;
  bernoulli?: string;
  roundRobin?: string;
  steps?: string;
  runs: string;
  seed: string;
  simulator?: string;
}

function activationFromFlags(
  flags: { batch?: string; bernoulli?: string; roundRobin?: string },
  n: number,
): Activation {
  const given = [flags.batch, flags.bernoulli, flags.roundRobin].filter((x) => x !== undefined).length;
  if (given > 1) {
    throw new MfkitError("invalid-argument", "give at most one of --batch, --bernoulli, --round-robin", [
      "--batch",
    ]);
  }
  if (flags.bernoulli !== undefined)
    return { kind: "bernoulli", p: parseNumberOption(flags.bernoulli, "--bernoulli") };
  if (flags.roundRobin !== undefined) {
    return { kind: "roundRobin", batch: resolveBatch(parseBatchLevel(flags.roundRobin), n) };
  }
  return { kind: "uniform", batch: resolveBatch(parseBatchLevel(flags.batch ?? "1.0"), n) };
}

/** Runs `tmf simulate`: R finite-N runs against the mean-field flow under the uniform policy. */
export async function runSimulate(
  flags: SimulateFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const { game, environment } = gameFromFlags(flags);
  const n = parseNumberOption(flags.n, "--n", true);
  const activation = activationFromFlags(flags, n);
  const rho = activationRate(activation, n);
  const steps = optional(flags.steps, "--steps", true) ?? game.horizon;
  const played = withOverrides(game, { horizon: steps });
  const runs = parseNumberOption(flags.runs, "--runs", true);
  const policy = new Float64Array(game.nObs * game.nActions).fill(1 / game.nActions);
  const flow = meanFieldFlow(played, policy, rho);
  const nO = game.nObs;
  const progress = createProgress({
    total: runs,
    label: "tmf simulate",
    enabled: flags.json ? false : undefined,
  });
  const empirical: Float64Array[] = [];
  const returns: number[] = [];
  const errors: number[] = [];
  for (let r = 0; r < runs; r++) {
    if (signal?.aborted) break;
    const run = simulatePopulation(played, policy, {
      populationSize: n,
      activation,
      seed: flags.seed,
      streamIndex: r,
      simulator: simulatorFlag(flags.simulator),
    });
    empirical.push(run.empirical);
    returns.push(run.returnPerAgent);
    let err = 0;
    for (let i = 0; i < flow.length; i++) err += Math.abs(run.empirical[i] - flow[i]);
    errors.push(err / (steps + 1));
    progress.update(r + 1);
  }
  progress.finish();
  const done = empirical.length;
  const mean: number[][] = [];
  const low: number[][] = [];
  const high: number[][] = [];
  for (let t = 0; t <= steps; t++) {
    mean.push([]);
    low.push([]);
    high.push([]);
    for (let o = 0; o < nO; o++) {
      const values = empirical.map((e) => e[t * nO + o]);
      const s =
        done > 1
          ? meanWithInterval(values)
          : { mean: values[0] ?? Number.NaN, low: Number.NaN, high: Number.NaN };
      mean[t].push(s.mean);
      low[t].push(s.low);
      high[t].push(s.high);
    }
  }
  const meanField: number[][] = [];
  for (let t = 0; t <= steps; t++) meanField.push(Array.from(flow.subarray(t * nO, (t + 1) * nO)));
  const J = tmfReturn(played, policy, rho);
  if (flags.plot !== undefined && done > 0) {
    const names = game.obsNames ?? Array.from({ length: nO }, (_, o) => `o${o}`);
    const x = Array.from({ length: steps + 1 }, (_, t) => t);
    const spec = comparisonChart(
      {
        lines: names.map((name, o) => ({ name, x, y: meanField.map((row) => row[o]) })),
        bands: names.map((name, o) => ({
          name,
          x,
          lower: done > 1 ? low.map((row) => row[o]) : mean.map((row) => row[o]),
          upper: done > 1 ? high.map((row) => row[o]) : mean.map((row) => row[o]),
          mean: mean.map((row) => row[o]),
        })),
      },
      {
        title: `${game.name}: N = ${n}, ${activation.kind} activation, ρ = ${rho}`,
        subtitle: `mean field (solid) vs ${done} finite-N runs (mean, 95% CI)`,
        xLabel: "global step t",
        yLabel: "μ_t(o)",
      },
    );
    await writeChart(flags.plot, spec);
  }
  return {
    environment,
    populationSize: n,
    activation,
    rho,
    steps,
    runs: done,
    interrupted: done < runs,
    policy: "uniform",
    meanField,
    empiricalMean: mean,
    empiricalLow: low,
    empiricalHigh: high,
    timeAveragedL1Error: done > 1 ? meanWithInterval(errors) : { mean: errors[0] },
    returnPerAgent: { finiteN: done > 1 ? meanWithInterval(returns) : { mean: returns[0] }, meanField: J },
  };
}

// ---------------------------------------------------------------------------------------------
// solve

export interface TmfSolveFlags extends GameFlags {
  rho: string;
  decisions?: string;
  algo: string;
  alpha?: string;
  eta?: string;
  tau?: string;
  iterations: string;
  atol?: string;
  rtol?: string;
  evalEvery?: string;
  /** Annealed PMD with this many τ stages (τ_j = 2^-j), `--iterations` each. */
  anneal?: string;
  /** Polish the solver's policy into an exact equilibrium (active-set Newton on the augmented MFG). */
  polish?: boolean;
  /** resource-selection only: the exact equilibrium by the reduced LCP (no MFG solver). */
  exact?: boolean;
}

function algorithmFlag(value: string): Algorithm {
  if (!(ALGORITHMS as readonly string[]).includes(value)) {
    throw new MfkitError("unknown-name", `unknown algorithm "${value}" (known: ${ALGORITHMS.join(", ")})`, [
      "--algo",
    ]);
  }
  return value as Algorithm;
}

function tolerance(value: string | undefined, option: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "null" || value === "none") return null;
  return parseNumberOption(value, option);
}

/** The horizon giving `decisions` decisions per agent at rate ρ: T + 1 = round(decisions/ρ) epochs. */
function horizonFor(decisions: number | undefined, rho: number, fallback: number): number {
  return decisions === undefined ? fallback : Math.max(0, Math.round(decisions / rho) - 1);
}

/** `tmf solve --exact`: resource-selection equilibria by the reduced LCP, one per ρ. */
function solveExactly(
  flags: TmfSolveFlags,
  environment: Record<string, unknown>,
  rhos: number[],
  decisions: number | undefined,
): Record<string, unknown> {
  if (flags.env !== "resource-selection") {
    throw new MfkitError("invalid-argument", `--exact solves resource-selection only, not ${flags.env}`, [
      "--exact",
    ]);
  }
  const options = tmfGameParams(flags.env, parseParams(flags.param)) as ResourceSelectionOptions;
  const base = createResourceSelection(options);
  const solutions = rhos.map((rho) => {
    const horizon = horizonFor(decisions, rho, base.horizon);
    const eq = resourceSelectionEquilibrium({ ...options, horizon }, { rho });
    const played = eq.game;
    const nO = played.nObs;
    const mid = Math.floor(horizon / 2);
    const J = tmfReturn(played, eq.policy, rho);
    return {
      rho,
      horizon,
      decisionsPerAgent: rho * (horizon + 1),
      exploitability: eq.exploitability,
      returnPerAgent: J,
      returnPerDecision: J / (rho * (horizon + 1)),
      midLoad: Array.from(eq.flow.subarray(mid * nO, (mid + 1) * nO)),
      finalLoad: Array.from(eq.flow.subarray(horizon * nO, (horizon + 1) * nO)),
      lemkePivots: eq.pivots.reduce((x, y) => x + y, 0),
      choices: Array.from({ length: horizon + 1 }, (_, t) =>
        Array.from(eq.choices.subarray(t * nO, (t + 1) * nO)),
      ),
    };
  });
  return { environment, algorithm: "lcp", solutions, interrupted: false };
}

/**
 * Runs `tmf solve`: the equilibrium by the activation-coin reduction for each ρ in `--rho`; with
 * `--decisions D` every ρ gets the horizon with D decisions per agent (T_ρ + 1 = D/ρ).
 */
export async function runTmfSolve(
  flags: TmfSolveFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const { game, environment } = gameFromFlags(flags);
  const rhos = numberList(flags.rho, "--rho");
  const decisions = optional(flags.decisions, "--decisions", true);
  if (flags.exact) return solveExactly(flags, environment, rhos, decisions);
  const stages = optional(flags.anneal, "--anneal", true);
  const algorithm = stages === undefined ? algorithmFlag(flags.algo) : "pmd";
  const iterations = parseNumberOption(flags.iterations, "--iterations", true);
  const perRho = iterations * (stages ?? 1);
  const progress = createProgress({
    total: rhos.length * perRho,
    label: `tmf solve (${algorithm})`,
    enabled: flags.json ? false : undefined,
  });
  const solutions: Record<string, unknown>[] = [];
  const lines: Array<{ name: string; x: number[]; y: number[] }> = [];
  for (const [index, rho] of rhos.entries()) {
    if (signal?.aborted) break;
    const horizon = horizonFor(decisions, rho, game.horizon);
    const played = withOverrides(game, { horizon });
    const options: Parameters<typeof solveTmfEquilibrium>[1] = {
      rho,
      algorithm,
      maxIterations: iterations,
      anneal: stages === undefined ? false : { stages },
    };
    const numbers: Array<["alpha" | "eta" | "tau" | "evalEvery", string | undefined, string, boolean]> = [
      ["alpha", flags.alpha, "--alpha", false],
      ["eta", flags.eta, "--eta", false],
      ["tau", flags.tau, "--tau", false],
      ["evalEvery", flags.evalEvery, "--eval-every", true],
    ];
    for (const [key, value, option, integer] of numbers) {
      const v = optional(value, option, integer);
      if (v !== undefined) options[key] = v;
    }
    if (stages !== undefined) {
      options.anneal = { stages, ...(options.tau !== undefined ? { tau0: options.tau } : {}) };
    }
    const atol = tolerance(flags.atol, "--atol");
    const rtol = tolerance(flags.rtol, "--rtol");
    if (atol !== undefined) options.atol = atol;
    if (rtol !== undefined) options.rtol = rtol;
    if (signal) options.signal = signal;
    if (flags.polish) options.polish = true;
    let done = 0;
    options.onIteration = (k) => {
      if (k > 0) done += 1;
      progress.update(index * perRho + done);
    };
    const eq = solveTmfEquilibrium(played, options);
    const nO = game.nObs;
    const last = Array.from(eq.flow.subarray(horizon * nO, (horizon + 1) * nO));
    const mid = Math.floor(horizon / 2);
    solutions.push({
      rho,
      horizon,
      decisionsPerAgent: rho * (horizon + 1),
      exploitability: eq.exploitability,
      ...(eq.regularizedExploitability !== undefined
        ? { regularizedExploitability: eq.regularizedExploitability }
        : {}),
      returnPerAgent: eq.returnPerAgent,
      returnPerDecision: eq.returnPerAgent / (rho * (horizon + 1)),
      midLoad: Array.from(eq.flow.subarray(mid * nO, (mid + 1) * nO)),
      finalLoad: last,
      trace: eq.trace,
      iterations: eq.iterations,
      interrupted: eq.interrupted,
      ...(eq.polish ? { polish: eq.polish } : {}),
    });
    lines.push({ name: `ρ = ${rho}`, x: eq.trace.map((_, k) => k), y: eq.trace });
  }
  progress.finish();
  if (flags.plot !== undefined && lines.length > 0) {
    const spec = curveChart(lines, {
      logY: true,
      title: `${game.name}: ${algorithm} on the activation-coin MFG`,
      xLabel: "evaluation",
      yLabel: "exploitability (augmented MFG)",
    });
    await writeChart(flags.plot, spec);
  }
  return { environment, algorithm, solutions, interrupted: solutions.length < rhos.length };
}

// ---------------------------------------------------------------------------------------------
// learn

export interface LearnFlags extends GameFlags {
  rho: string;
  mode: string;
  n: string;
  iterations: string;
  inner?: string;
  step?: string;
  stepDecay?: string;
  entropy: string;
  episodes?: string;
  evalEvery: string;
  seed: string;
  reference?: boolean;
}

/** Runs `tmf learn`: TMF-PG learning curves, one per ρ, with an optional PMD reference. */
export async function runLearn(flags: LearnFlags, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const { game, environment } = gameFromFlags(flags);
  const rhos = numberList(flags.rho, "--rho");
  const mode = flags.mode;
  if (mode !== "exact" && mode !== "sample") {
    throw new MfkitError("unknown-name", `unknown mode "${mode}" (exact | sample)`, ["--mode"]);
  }
  const iterations = parseNumberOption(flags.iterations, "--iterations", true);
  const entropy = parseNumberOption(flags.entropy, "--entropy");
  const n = parseNumberOption(flags.n, "--n", true);
  const progress = createProgress({
    total: rhos.length * iterations,
    label: `tmf learn (${mode})`,
    enabled: flags.json ? false : undefined,
  });
  const curves: Record<string, unknown>[] = [];
  const lines: Array<{ name: string; x: number[]; y: number[]; dashed?: boolean }> = [];
  for (const [index, rho] of rhos.entries()) {
    if (signal?.aborted) break;
    const run = tmfPolicyGradient(game, {
      mode,
      rho,
      populationSize: n,
      ...(mode === "sample"
        ? { activation: { kind: "uniform", batch: Math.max(1, Math.round(rho * n)) } }
        : {}),
      iterations,
      ...(flags.inner !== undefined ? { innerSteps: parseNumberOption(flags.inner, "--inner", true) } : {}),
      ...(flags.step !== undefined ? { stepSize: parseNumberOption(flags.step, "--step") } : {}),
      ...(flags.stepDecay !== undefined
        ? { stepDecay: parseNumberOption(flags.stepDecay, "--step-decay") }
        : {}),
      ...(flags.episodes !== undefined
        ? { episodes: parseNumberOption(flags.episodes, "--episodes", true) }
        : {}),
      entropy,
      evalEvery: parseNumberOption(flags.evalEvery, "--eval-every", true),
      seed: flags.seed,
      ...(signal ? { signal } : {}),
      onIteration: (k) => progress.update(index * iterations + k),
    });
    const curve: Record<string, unknown> = {
      rho,
      iterations: run.evaluatedIterations,
      exploitability: run.exploitability,
      returns: run.returns,
      runtimeMs: run.runtimeMs,
      interrupted: run.interrupted,
    };
    if (run.regularizedExploitability) curve.regularizedExploitability = run.regularizedExploitability;
    lines.push({ name: `TMF-PG ρ = ${rho}`, x: run.evaluatedIterations, y: run.exploitability });
    if (flags.reference) {
      const eq = solveTmfEquilibrium(game, {
        rho,
        algorithm: entropy > 0 ? "pmd" : "omd",
        ...(entropy > 0 ? { tau: entropy, eta: 1 } : { alpha: 1 }),
        maxIterations: 300,
        atol: 1e-12,
        rtol: 0,
        evalEvery: 25,
      });
      const final = run.exploitability[run.exploitability.length - 1];
      curve.reference = {
        algorithm: entropy > 0 ? `pmd (τ = ${entropy})` : "omd",
        exploitability: eq.exploitability,
        regularizedExploitability: eq.regularizedExploitability,
        gap: final - eq.exploitability,
      };
      lines.push({
        name: `equilibrium ρ = ${rho}`,
        x: [0, iterations],
        y: [eq.exploitability, eq.exploitability],
        dashed: true,
      });
    }
    curves.push(curve);
  }
  progress.finish();
  if (flags.plot !== undefined && lines.length > 0) {
    const spec = curveChart(lines, {
      logY: true,
      title: `${game.name}: TMF-PG (${mode}${entropy > 0 ? `, λ = ${entropy}` : ""})`,
      xLabel: "outer iteration",
      yLabel: "exploitability",
    });
    await writeChart(flags.plot, spec);
  }
  return { environment, mode, entropy, populationSize: mode === "sample" ? n : undefined, curves };
}

// ---------------------------------------------------------------------------------------------

/** Registers the `tmf` command family. */
export function register(program: Command): void {
  const tmf = program
    .command("tmf")
    .description("Temporal Mean Field: B of N agents act per step (simulation, equilibria, TMF-PG)");

  tmf
    .command("games")
    .description("list the TMF games and their parameters")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }) => {
      const listing = { games: listTmfGames(), wrapped: tmfGameNames().filter((n) => n.startsWith("mfg:")) };
      if (flags.json) return writeJson(listing, undefined);
      for (const g of listing.games) {
        process.stdout.write(`${g.name}\n  ${g.description}\n`);
        for (const p of g.params) process.stdout.write(`    ${p.name} (${p.type}): ${p.description}\n`);
      }
      process.stdout.write(`mfg:<name> (identity passive kernel): ${listing.wrapped.join(", ")}\n`);
    });

  withGameOptions(
    tmf
      .command("error-vs-n")
      .description(
        "time-averaged ℓ1 error of μ̂ vs the mean field over N, per activation level, with log-log slopes",
      ),
  )
    .option("--ns <list>", "population sizes", "100,1000,10000,100000")
    .option(
      "--batch <list>",
      "activation levels: integers are B, decimals are fractions of N",
      "1,0.1,0.5,1.0",
    )
    .option("--seeds <K>", "replicates per cell", "8")
    .option("--decisions <T>", "decisions per agent (T·N/B global steps)", "20")
    .option("--seed <s>", "base seed", "1")
    .option("--simulator <kind>", "count | agent | auto")
    .action(async (flags: ErrorVsNFlags) =>
      writeJson(await runErrorVsN(flags, interruptSignal()), flags.out),
    );

  withGameOptions(
    tmf.command("simulate").description("finite-N runs against the mean-field flow (uniform policy)"),
  )
    .option("--n <N>", "population size", "1000")
    .option("--batch <B>", "uniform activation: B (integer) or fraction of N (decimal); default 1.0")
    .option("--bernoulli <p>", "Bernoulli(p) activation")
    .option("--round-robin <B>", "round-robin activation (agent simulator)")
    .option("--steps <T>", "global steps (default: the game's horizon)")
    .option("--runs <R>", "replicates", "20")
    .option("--seed <s>", "seed", "1")
    .option("--simulator <kind>", "count | agent | auto")
    .action(async (flags: SimulateFlags) =>
      writeJson(await runSimulate(flags, interruptSignal()), flags.out),
    );

  withGameOptions(tmf.command("solve").description("equilibria by the activation-coin reduction, per ρ"))
    .option("--rho <list>", "activation rates ρ = B/N", "1")
    .option("--decisions <D>", "equal decisions per agent: horizon T_ρ + 1 = D/ρ")
    .option("--algo <name>", `MFG algorithm: ${ALGORITHMS.join(" | ")}`, "omd")
    .option("--alpha <a>", "OMD / FP step")
    .option("--eta <e>", "PMD step")
    .option("--tau <t>", "PMD entropy temperature")
    .option("--iterations <K>", "iterations (per stage with --anneal)", "300")
    .option(
      "--anneal <stages>",
      "annealed PMD: τ_j = tau·0.85^j (tau default 0.3), j < stages; overrides --algo",
    )
    .option("--atol <a>", "stopping tolerance ('null' disables)", "1e-10")
    .option("--rtol <r>", "relative stopping tolerance", "0")
    .option("--eval-every <n>", "evaluate every n iterations")
    .option("--polish", "polish the result into an exact equilibrium (active-set Newton; dense, small games)")
    .option(
      "--exact",
      "resource-selection: the exact equilibrium by the reduced LCP (Lemke, horizon continuation)",
    )
    .action(async (flags: TmfSolveFlags) =>
      writeJson(await runTmfSolve(flags, interruptSignal()), flags.out),
    );

  withGameOptions(
    tmf.command("learn").description("TMF-PG learning curves (exploitability per outer iteration)"),
  )
    .option("--rho <list>", "activation rates ρ (sample mode: B = ρN)", "1")
    .option("--mode <m>", "exact | sample", "exact")
    .option("--n <N>", "sample mode: population size", "1000")
    .option("--iterations <K>", "outer iterations", "200")
    .option("--inner <M>", "inner updates per outer iteration (default 10)")
    .option("--step <alpha>", "step α (default 0.5 exact, 0.05 sample)")
    .option("--step-decay <k0>", "step schedule α_k = α/(1 + k/k0) (default: constant)")
    .option("--entropy <lambda>", "entropy weight λ", "0")
    .option("--episodes <E>", "sample mode: episodes per update")
    .option("--eval-every <n>", "evaluate every n outer iterations", "5")
    .option("--seed <s>", "seed", "1")
    .option("--reference", "also solve the equilibrium (PMD if λ > 0, else OMD) and report the gap")
    .action(async (flags: LearnFlags) => writeJson(await runLearn(flags, interruptSignal()), flags.out));
}

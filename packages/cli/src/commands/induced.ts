/**
 * `mfkit induced solve | learn | exploitability | symmetry`: the induced mean-field game of a
 * (heterogeneous) N-player benchmark game (docs/induced-mfg.md).
 *
 * - solve:          any mean-field solver on the induced MFG (it is an ordinary MeanFieldGame);
 * - learn:          PMD driven by pooled TD on N-player trajectories (or independent / exact Q);
 * - exploitability: the exact N-player bracket [lower, upper] for a list of N (or an RL lower bound);
 * - symmetry:       α, β, the grid Lipschitz constants and the approximation bound.
 */
import { MfkitError } from "@mfkit/core";
import {
  approximationBound,
  type BracketResult,
  type Extension,
  exploitabilityBracket,
  gridLipschitz,
  HETEROGENEOUS_ENVIRONMENTS,
  heterogeneousGame,
  inducedMeanFieldGame,
  learnPMD,
  measureSymmetry,
  type NPlayerGame,
  type QEstimator,
  rlDeviationBound,
  symmetrize,
} from "@mfkit/induced-mfg";
import {
  ALGORITHMS,
  type Algorithm,
  createEnvironment,
  exploitability,
  type MeanFieldGame,
  policyToNested,
  solve,
  type TabularPolicy,
  uniformPolicy,
} from "@mfkit/mean-field";
import { curveChart, writeChart } from "@mfkit/report";
import type { Command } from "commander";
import { interruptSignal } from "../interrupt.js";
import { writeJson } from "../output.js";
import { createProgress } from "../progress.js";
import { parseNumberOption } from "../spec-file.js";
import { parseParams } from "./mfg.js";

/** Flags shared by every `induced` command (strings until parsed). */
export interface InducedFlags {
  env: string;
  param: string[];
  n: string;
  uMax?: string;
  vMax?: string;
  extension?: string;
  json?: boolean;
  plot?: string;
  out?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function numberFlag(value: string | undefined, option: string, fallback: number, integer = false): number {
  return value === undefined ? fallback : parseNumberOption(value, option, integer);
}

function nList(value: string): number[] {
  const list = value.split(",").map((v) => parseNumberOption(v.trim(), "--n", true));
  for (const N of list) {
    if (N < 2) throw new MfkitError("invalid-argument", `N must be ≥ 2, got ${N}`, ["--n"]);
  }
  return list;
}

function extensionFlag(value: string | undefined): Extension {
  const ext = value ?? "nearest";
  if (ext !== "nearest" && ext !== "freudenthal" && ext !== "mcshane") {
    throw new MfkitError(
      "unknown-name",
      `unknown extension "${ext}" (known: nearest, freudenthal, mcshane)`,
      ["--extension"],
    );
  }
  return ext;
}

/** The heterogeneous N-player game named by the flags, for one N. */
export function gameFromInducedFlags(flags: InducedFlags, N: number): NPlayerGame {
  if (!(HETEROGENEOUS_ENVIRONMENTS as readonly string[]).includes(flags.env)) {
    throw new MfkitError(
      "unknown-name",
      `no N-player variant of "${flags.env}" (known: ${HETEROGENEOUS_ENVIRONMENTS.join(", ")})`,
      ["--env"],
    );
  }
  return heterogeneousGame(flags.env, {
    nAgents: N,
    uMax: numberFlag(flags.uMax, "--u-max", 0),
    vMax: numberFlag(flags.vMax, "--v-max", 0),
    envParams: parseParams(flags.param),
  });
}

function describe(game: NPlayerGame, flags: InducedFlags): Record<string, unknown> {
  return {
    env: flags.env,
    params: parseParams(flags.param),
    nAgents: game.nAgents,
    horizon: game.horizon,
    nStates: game.nStates,
    nActions: game.nActions,
    uMax: numberFlag(flags.uMax, "--u-max", 0),
    vMax: numberFlag(flags.vMax, "--v-max", 0),
  };
}

async function plotCurves(
  file: string | undefined,
  lines: { name: string; x: number[]; y: number[]; dashed?: boolean }[],
  options: { title: string; xLabel: string; yLabel: string; logX?: boolean; logY?: boolean },
): Promise<void> {
  if (file === undefined) return;
  const finite = lines.map((l) => {
    const keep = l.x.map((_, i) => Number.isFinite(l.y[i]!) && (!options.logY || l.y[i]! > 0));
    return { ...l, x: l.x.filter((_, i) => keep[i]), y: l.y.filter((_, i) => keep[i]) };
  });
  await writeChart(file, curveChart(finite, options));
}

// ---------------------------------------------------------------------------------------------- solve

export interface InducedSolveFlags extends InducedFlags {
  algo: string;
  iterations: string;
  eta?: string;
  tau?: string;
  alpha?: string;
}

/** A mean-field solver on the induced MFG; the policy is also scored against the N = ∞ MFG. */
export async function runInducedSolve(
  flags: InducedSolveFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const N = nList(flags.n)[0]!;
  const game = gameFromInducedFlags(flags, N);
  const extension = extensionFlag(flags.extension);
  const mfg = inducedMeanFieldGame(game, { extension });
  if (!(ALGORITHMS as readonly string[]).includes(flags.algo)) {
    throw new MfkitError(
      "unknown-name",
      `unknown algorithm "${flags.algo}" (known: ${ALGORITHMS.join(", ")})`,
      ["--algo"],
    );
  }
  const iterations = parseNumberOption(flags.iterations, "--iterations", true);
  const progress = createProgress({
    total: iterations,
    label: `induced ${flags.algo}`,
    enabled: flags.json ? false : undefined,
  });
  const result = solve(mfg, {
    algorithm: flags.algo as Algorithm,
    maxIterations: iterations,
    atol: null,
    rtol: null,
    ...(flags.eta !== undefined ? { eta: parseNumberOption(flags.eta, "--eta") } : {}),
    ...(flags.tau !== undefined ? { tau: parseNumberOption(flags.tau, "--tau") } : {}),
    ...(flags.alpha !== undefined ? { alpha: parseNumberOption(flags.alpha, "--alpha") } : {}),
    ...(signal ? { signal } : {}),
    onIteration: (k: number) => progress.update(k),
  });
  progress.finish();
  const base = createEnvironment(flags.env, parseParams(flags.param));
  const document = {
    game: describe(game, flags),
    inducedMfg: mfg.name,
    extension,
    target: `equilibrium of ${mfg.name} (${flags.algo}${flags.algo === "pmd" ? ", τ-regularised" : ""})`,
    algorithm: result.parameters,
    iterations: result.iterations,
    interrupted: result.interrupted,
    exploitability: result.exploitability,
    evaluatedIterations: result.evaluatedIterations,
    finalExploitability: result.exploitability.at(-1),
    meanFieldExploitability: exploitability(base, result.policy),
    policy: policyToNested(mfg, result.policy),
  };
  await plotCurves(
    flags.plot,
    [{ name: `${flags.algo} on ${mfg.name}`, x: result.evaluatedIterations, y: result.exploitability }],
    {
      title: `${game.name}: induced-MFG exploitability`,
      xLabel: "iteration",
      yLabel: "exploitability",
      logY: true,
    },
  );
  return document;
}

// ---------------------------------------------------------------------------------------------- learn

export interface InducedLearnFlags extends InducedFlags {
  estimator: string;
  iterations: string;
  episodes: string;
  eta?: string;
  tau?: string;
  seed: string;
  evalEvery?: string;
}

/** PMD driven by pooled TD (default), independent learners or exact Q. */
export async function runInducedLearn(
  flags: InducedLearnFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const N = nList(flags.n)[0]!;
  const game = gameFromInducedFlags(flags, N);
  const estimators: QEstimator[] = ["pooled-td", "independent", "exact"];
  if (!(estimators as string[]).includes(flags.estimator)) {
    throw new MfkitError(
      "unknown-name",
      `unknown estimator "${flags.estimator}" (known: ${estimators.join(", ")})`,
      ["--estimator"],
    );
  }
  const iterations = parseNumberOption(flags.iterations, "--iterations", true);
  const mfg = inducedMeanFieldGame(game, { extension: extensionFlag(flags.extension) });
  const progress = createProgress({
    total: iterations,
    label: `induced learn (${flags.estimator})`,
    enabled: flags.json ? false : undefined,
  });
  const t0 = performance.now();
  const result = learnPMD(game, {
    estimator: flags.estimator as QEstimator,
    iterations,
    episodesPerIteration: parseNumberOption(flags.episodes, "--episodes", true),
    eta: numberFlag(flags.eta, "--eta", 0.5),
    tau: numberFlag(flags.tau, "--tau", 0.1),
    seed: parseNumberOption(flags.seed, "--seed"),
    evalEvery: numberFlag(flags.evalEvery, "--eval-every", 1, true),
    mfg,
    ...(signal ? { signal } : {}),
    onIteration: (k) => progress.update(k),
  });
  progress.finish();
  const iterationsAxis = result.exploitability.map((_, k) => k);
  const document = {
    game: describe(game, flags),
    inducedMfg: mfg.name,
    estimator: result.estimator,
    target: result.target,
    iterations: result.iterations,
    interrupted: result.iterations < iterations,
    agentSteps: result.agentSteps,
    runtimeMs: performance.now() - t0,
    exploitability: result.exploitability.map((e) => (Number.isNaN(e) ? null : e)),
    finalExploitability: result.exploitability.filter((e) => !Number.isNaN(e)).at(-1),
    policy: policyToNested(mfg, result.policy),
  };
  await plotCurves(
    flags.plot,
    [{ name: `PMD + ${result.estimator}`, x: iterationsAxis, y: result.exploitability }],
    {
      title: `${game.name}: learning from N-player trajectories`,
      xLabel: "PMD iteration",
      yLabel: "induced-MFG exploitability",
      logY: true,
    },
  );
  return document;
}

// ------------------------------------------------------------------------------------- exploitability

export interface InducedExploitabilityFlags extends InducedFlags {
  policy: string;
  algo: string;
  iterations: string;
  tau?: string;
  rl?: boolean;
  seed: string;
}

/** The policy under test: uniform, or the mean-field (N = ∞) equilibrium found by a solver. */
function policyUnderTest(
  base: MeanFieldGame,
  flags: InducedExploitabilityFlags,
): { pi: TabularPolicy; label: string } {
  if (flags.policy === "uniform") return { pi: uniformPolicy(base), label: "uniform" };
  if (flags.policy !== "equilibrium") {
    throw new MfkitError(
      "invalid-argument",
      `--policy must be "equilibrium" or "uniform", got "${flags.policy}"`,
      ["--policy"],
    );
  }
  const iterations = parseNumberOption(flags.iterations, "--iterations", true);
  const tau = numberFlag(flags.tau, "--tau", 0.01);
  const r = solve(base, {
    algorithm: flags.algo as Algorithm,
    maxIterations: iterations,
    atol: null,
    rtol: null,
    ...(flags.algo === "pmd" ? { tau, eta: 0.5 } : {}),
  });
  return { pi: r.bestPolicy, label: `mean-field equilibrium (${flags.algo}, ${iterations} iterations)` };
}

/** The bracket of the mean-field equilibrium (or uniform) policy for each N. */
export async function runInducedExploitability(
  flags: InducedExploitabilityFlags,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const Ns = nList(flags.n);
  const base = createEnvironment(flags.env, parseParams(flags.param));
  const { pi, label } = policyUnderTest(base, flags);
  const eM = exploitability(base, pi);
  const rows: Record<string, unknown>[] = [];
  const progress = createProgress({
    total: Ns.length,
    label: "induced exploitability",
    enabled: flags.json ? false : undefined,
  });
  for (const [k, N] of Ns.entries()) {
    if (signal?.aborted) break;
    const game = gameFromInducedFlags(flags, N);
    const t0 = performance.now();
    if (flags.rl) {
      const r = rlDeviationBound(game, {
        policy: pi,
        mfg: base,
        seed: parseNumberOption(flags.seed, "--seed"),
        ...(signal ? { signal } : {}),
      });
      rows.push({
        N,
        method: "rl-lower-bound (estimated)",
        lower: r.estimate,
        lowerConfidence: r.lowerConfidence,
        perAgent: r.perAgent,
        ms: performance.now() - t0,
      });
    } else {
      const b: BracketResult = exploitabilityBracket(game, { policy: pi, mfg: base });
      rows.push({
        N,
        method: `exact bracket (${b.method})`,
        lower: b.lower,
        upper: b.upper,
        value: b.perAgent[0]!.value,
        countStates: b.maxStates,
        droppedMass: b.droppedMass,
        ms: performance.now() - t0,
      });
    }
    progress.update(k + 1);
  }
  progress.finish();
  const xs = rows.map((r) => r.N as number);
  const lines = [
    { name: "lower (mean-field BR)", x: xs, y: rows.map((r) => r.lower as number) },
    ...(flags.rl
      ? []
      : [{ name: "upper (full-information BR)", x: xs, y: rows.map((r) => r.upper as number) }]),
    { name: "E_M (N = ∞)", x: xs, y: xs.map(() => eM), dashed: true },
  ];
  await plotCurves(flags.plot, lines, {
    title: `${flags.env}: N-player exploitability of the ${flags.policy} policy`,
    xLabel: "N",
    yLabel: "exploitability",
    logX: true,
  });
  return {
    env: flags.env,
    params: parseParams(flags.param),
    policy: label,
    meanFieldExploitability: eM,
    rows,
  };
}

// ------------------------------------------------------------------------------------------- symmetry

export interface InducedSymmetryFlags extends InducedFlags {
  tau?: string;
  iterations: string;
}

/** α, β, L_R, L_P and the approximation bound for each N. */
export async function runInducedSymmetry(flags: InducedSymmetryFlags): Promise<Record<string, unknown>> {
  const Ns = nList(flags.n);
  const rows: Record<string, unknown>[] = [];
  for (const N of Ns) {
    const game = gameFromInducedFlags(flags, N);
    const mfg = inducedMeanFieldGame(game, { extension: extensionFlag(flags.extension) });
    const tau = numberFlag(flags.tau, "--tau", 0.05);
    const pmd = learnPMD(game, {
      estimator: "exact",
      iterations: parseNumberOption(flags.iterations, "--iterations", true),
      tau,
      eta: 0.5,
      evalEvery: 0,
      mfg,
    });
    const eM = exploitability(mfg, pmd.policy);
    const sym = measureSymmetry(game);
    const lip = gridLipschitz(symmetrize(game));
    const range = game.rewardRange ? game.rewardRange[1] - game.rewardRange[0] : 1;
    const bound = approximationBound({
      nAgents: N,
      cells: game.nStates * game.nActions,
      epochs: game.horizon + 1,
      alpha: sym.alpha,
      beta: sym.beta,
      LR: lip.LR,
      LP: lip.LP,
      rewardRange: range,
      mfgExploitability: eM,
    });
    const row: Record<string, unknown> = {
      N,
      alpha: sym.alpha,
      beta: sym.beta,
      alpha99: sym.alpha99,
      beta99: sym.beta99,
      symmetryExact: sym.exact,
      LR: lip.LR,
      LP: lip.LP,
      lipschitzExact: lip.exact,
      rewardRange: range,
      inducedExploitability: eM,
      bound,
    };
    if (game.populationDependence === "state") {
      try {
        const b = exploitabilityBracket(game, { policy: pmd.policy, mfg });
        row.measured = { lower: b.lower, upper: b.upper, method: `exact bracket (${b.method})` };
      } catch {
        row.measured = null;
      }
    }
    rows.push(row);
  }
  const xs = rows.map((r) => r.N as number);
  const lines = [
    { name: "bound total", x: xs, y: rows.map((r) => (r.bound as { total: number }).total) },
    {
      name: "2B_N",
      x: xs,
      y: rows.map((r) => (r.bound as { symmetricTerm: number }).symmetricTerm),
      dashed: true,
    },
    {
      name: "2B_αβ",
      x: xs,
      y: rows.map((r) => (r.bound as { asymmetryTerm: number }).asymmetryTerm),
      dashed: true,
    },
    ...(rows.every((r) => r.measured)
      ? [
          {
            name: "measured E_G (upper bracket)",
            x: xs,
            y: rows.map((r) => (r.measured as { upper: number }).upper),
          },
        ]
      : []),
  ];
  await plotCurves(flags.plot, lines, {
    title: `${flags.env}: approximation bound vs N`,
    xLabel: "N",
    yLabel: "exploitability",
    logX: true,
    logY: true,
  });
  return { env: flags.env, params: parseParams(flags.param), rows };
}

// ------------------------------------------------------------------------------------------- register

function common(cmd: Command): Command {
  return cmd
    .requiredOption("--env <name>", `environment: ${HETEROGENEOUS_ENVIRONMENTS.join(" | ")}`)
    .option("--param <key=value>", "environment parameter (repeatable)", collect, [])
    .option("--u-max <u>", "spread of the dynamics parameter (SIS infection factor)")
    .option("--v-max <v>", "spread of the reward parameter (payoff / cost scale, crowd aversion)")
    .option("--extension <kind>", "nearest | freudenthal | mcshane (default nearest)")
    .option("--json", "no progress bar")
    .option("--plot <file>", "chart (.svg, .png or .json vega-lite spec)")
    .option("--out <file>", "write the JSON to a file instead of stdout");
}

/** Registers `induced solve | learn | exploitability | symmetry`. */
export function register(program: Command): void {
  const induced = program
    .command("induced")
    .description("induced mean-field games of heterogeneous N-player games (docs/induced-mfg.md)");

  common(induced.command("solve").description("solve the induced MFG with a mean-field solver"))
    .requiredOption("--n <N>", "number of agents")
    .option("--algo <name>", `algorithm: ${ALGORITHMS.join(" | ")}`, "pmd")
    .option("--iterations <K>", "iterations", "200")
    .option("--eta <e>", "PMD step / prior-descent temperature")
    .option("--tau <t>", "PMD entropy temperature")
    .option("--alpha <a>", "FP damping / OMD rate")
    .action(async (flags: InducedSolveFlags) =>
      writeJson(await runInducedSolve(flags, interruptSignal()), flags.out),
    );

  common(
    induced
      .command("learn")
      .description("PMD from N-player trajectories (pooled TD, independent, or exact Q)"),
  )
    .requiredOption("--n <N>", "number of agents")
    .option("--estimator <name>", "pooled-td | independent | exact", "pooled-td")
    .option("--iterations <K>", "PMD iterations", "50")
    .option("--episodes <M>", "N-player episodes per iteration", "10")
    .option("--eta <e>", "PMD step (default 0.5)")
    .option("--tau <t>", "entropy temperature (default 0.1)")
    .option("--eval-every <k>", "evaluate the induced-MFG exploitability every k iterations (default 1)")
    .option("--seed <s>", "seed", "1")
    .action(async (flags: InducedLearnFlags) =>
      writeJson(await runInducedLearn(flags, interruptSignal()), flags.out),
    );

  common(
    induced
      .command("exploitability")
      .description(
        "N-player exploitability of a policy: exact bracket [lower, upper] per N (or --rl lower bound)",
      ),
  )
    .requiredOption("--n <list>", "comma-separated N values, e.g. 2,10,100,1000")
    .option("--policy <which>", "equilibrium | uniform", "equilibrium")
    .option("--algo <name>", "solver for the mean-field equilibrium", "pmd")
    .option("--iterations <K>", "solver iterations", "300")
    .option("--tau <t>", "PMD temperature for the equilibrium (default 0.01)")
    .option("--rl", "best-response-by-RL lower bound (estimated) instead of the exact bracket")
    .option("--seed <s>", "seed for --rl", "1")
    .action(async (flags: InducedExploitabilityFlags) =>
      writeJson(await runInducedExploitability(flags, interruptSignal()), flags.out),
    );

  common(
    induced.command("symmetry").description("α, β, grid Lipschitz constants and the approximation bound"),
  )
    .requiredOption("--n <list>", "comma-separated N values")
    .option("--iterations <K>", "PMD iterations for the induced-MFG equilibrium", "150")
    .option("--tau <t>", "PMD temperature (default 0.05)")
    .action(async (flags: InducedSymmetryFlags) => writeJson(await runInducedSymmetry(flags), flags.out));
}

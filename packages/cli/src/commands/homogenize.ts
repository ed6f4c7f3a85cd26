/**
 * `mfkit homogenize | simulate | compare SPEC.json`: the limit ODE, the finite-rate process, and the
 * two side by side for learners in an n-player Markov game.
 */

import { MfkitError, type OdeMethod } from "@mfkit/core";
import {
  compareInWorkers,
  type HomogenizeOptions,
  homogenize,
  parseExperimentOrThrow,
  simulateInWorkers,
} from "@mfkit/homogenization";
import type { Command } from "commander";
import { interruptSignal } from "../interrupt.js";
import { writeJson } from "../output.js";
import { createProgress } from "../progress.js";
import { parseNumberOption, readJsonFile } from "../spec-file.js";

interface OdeFlags {
  rtol?: string;
  atol?: string;
  method?: string;
  step?: string;
}

/** The integrators, as listed in `--help`; a Record so that a new {@link OdeMethod} fails to compile here. */
const ODE_METHODS: Record<OdeMethod, true> = { dopri5: true, rosenbrock: true, rk4: true };

/**
 * The ODE flags of `homogenize` and `compare`, checked before anything runs (compare would otherwise
 * find a bad method only after its simulation): failures are `MfkitError`s naming the flag.
 */
export function odeOptions(flags: OdeFlags): Pick<HomogenizeOptions, "rtol" | "atol" | "method" | "step"> {
  const method = flags.method;
  if (method !== undefined && !Object.hasOwn(ODE_METHODS, method)) {
    throw new MfkitError(
      "unknown-name",
      `unknown method "${method}" (expected ${Object.keys(ODE_METHODS).join(", ")})`,
      ["--method"],
    );
  }
  let step: number | undefined;
  if (flags.step !== undefined) {
    step = parseNumberOption(flags.step, "--step");
    if (step <= 0) throw new MfkitError("invalid-argument", `must be > 0, got ${step}`, ["--step"]);
    if (method !== "rk4") {
      throw new MfkitError("invalid-argument", "a fixed step needs --method rk4", ["--step"]);
    }
  } else if (method === "rk4") {
    throw new MfkitError("invalid-argument", "--method rk4 needs a fixed step", ["--step"]);
  }
  return {
    ...(flags.rtol !== undefined ? { rtol: parseNumberOption(flags.rtol, "--rtol") } : {}),
    ...(flags.atol !== undefined ? { atol: parseNumberOption(flags.atol, "--atol") } : {}),
    ...(method !== undefined ? { method: method as OdeMethod } : {}),
    ...(step !== undefined ? { step } : {}),
  };
}

/** Registers the ODE flags shared by homogenize and compare. */
function withOdeFlags(command: Command, what: string): Command {
  return command
    .option("--rtol <r>", `${what}relative tolerance (default 1e-9)`)
    .option("--atol <a>", `${what}absolute tolerance (default 1e-10)`)
    .option("--method <m>", `${what}integrator: ${Object.keys(ODE_METHODS).join(" | ")} (default dopri5)`)
    .option("--step <h>", "fixed step of --method rk4, in the clock's units");
}

function replicaFlags(flags: { runs: string; seed: string; workers?: string }, json: boolean, label: string) {
  const runs = parseNumberOption(flags.runs, "--runs", true);
  const workers =
    flags.workers === undefined ? undefined : parseNumberOption(flags.workers, "--workers", true);
  const progress = createProgress({ total: runs, label, enabled: json ? false : undefined });
  return {
    options: {
      runs,
      ...(workers !== undefined ? { workers } : {}),
      seed: Number.isFinite(Number(flags.seed)) ? Number(flags.seed) : flags.seed,
      signal: interruptSignal(),
      onProgress: (done: number) => progress.update(done),
    },
    progress,
  };
}

/** Registers homogenize, simulate and compare. */
export function register(program: Command): void {
  withOdeFlags(
    program
      .command("homogenize")
      .description(
        "solve the limit (homogenized) ODE of a spec; prints JSON { t, params, stateDistribution }",
      )
      .argument("<spec>", "experiment spec (JSON)"),
    "",
  )
    .option("--out <file>", "write the JSON to a file instead of stdout")
    .action((spec: string, flags: OdeFlags & { out?: string }) => {
      const ode = odeOptions(flags);
      const experiment = parseExperimentOrThrow(readJsonFile(spec));
      const result = homogenize(experiment, { ...ode, signal: interruptSignal() });
      writeJson(
        {
          t: result.t,
          params: result.params,
          stateDistribution: result.stateDistribution,
          status: result.status,
        },
        flags.out,
      );
    });

  program
    .command("simulate")
    .description(
      "simulate the finite-learning-rate process; prints JSON { t, meanParams, stdParams, stateFrequency }",
    )
    .argument("<spec>", "experiment spec (JSON)")
    .requiredOption("--runs <R>", "number of replicas")
    .option("--seed <S>", "seed (number or string)", "1")
    .option("--workers <n>", "worker threads (default: available cores); results do not depend on it")
    .option("--out <file>", "write the JSON to a file instead of stdout")
    .option("--json", "no progress bar")
    .action(
      async (
        spec: string,
        flags: { runs: string; seed: string; workers?: string; out?: string; json?: boolean },
      ) => {
        const experiment = parseExperimentOrThrow(readJsonFile(spec));
        const { options, progress } = replicaFlags(
          flags,
          Boolean(flags.json) || flags.out === undefined,
          "simulate",
        );
        const result = await simulateInWorkers(experiment, options);
        progress.finish();
        writeJson(
          {
            t: result.t,
            meanParams: result.meanParams,
            stdParams: result.stdParams,
            stateFrequency: result.stateFrequency,
            runs: result.runs,
            interrupted: result.interrupted,
          },
          flags.out,
        );
      },
    );

  withOdeFlags(
    program
      .command("compare")
      .description("simulation mean ± band against the limit ODE: distance table, JSON and plot")
      .argument("<spec>", "experiment spec (JSON)")
      .requiredOption("--runs <R>", "number of replicas")
      .option("--seed <S>", "seed (number or string)", "1"),
    "ODE ",
  )
    .option("--workers <n>", "worker threads (default: available cores); results do not depend on it")
    .option("--plot <file>", "write the plot (.svg, .png or .json vega-lite spec)")
    .option("--out <file>", "write the full comparison as JSON")
    .option("--json", "print JSON instead of the table")
    .action(
      async (
        spec: string,
        flags: OdeFlags & {
          runs: string;
          seed: string;
          workers?: string;
          plot?: string;
          out?: string;
          json?: boolean;
        },
      ) => {
        const ode = odeOptions(flags);
        const experiment = parseExperimentOrThrow(readJsonFile(spec));
        const { options, progress } = replicaFlags(flags, Boolean(flags.json), "compare");
        const started = performance.now();
        const result = await compareInWorkers(experiment, { ...options, ...ode });
        progress.finish();
        const seconds = (performance.now() - started) / 1000;
        const summary = {
          runs: result.simulation.runs,
          interrupted: result.simulation.interrupted,
          confidence: result.confidence,
          paramsSup: result.paramsSup,
          stateSup: result.stateSup,
          fractionInsideBand: result.fractionInsideBand,
          rows: result.rows,
        };
        if (flags.out !== undefined) {
          writeJson(
            { ...summary, ode: result.ode, simulation: { ...result.simulation, summary: undefined } },
            flags.out,
          );
        }
        if (flags.json) {
          writeJson(summary, undefined);
        } else {
          const lines = [
            `${result.simulation.runs} replicas${result.simulation.interrupted ? " (interrupted)" : ""} in ${seconds.toFixed(2)} s; ${(result.confidence * 100).toFixed(0)}% bands`,
            "",
            `${"iteration".padStart(10)} ${"time".padStart(10)} ${"sup|mean−ODE|".padStart(14)} ${"band ±".padStart(10)} ${"sup|freq−ν|".padStart(12)}`,
          ];
          const every = Math.max(1, Math.floor(result.rows.length / 12));
          result.rows.forEach((row, k) => {
            if (k % every !== 0 && k !== result.rows.length - 1) return;
            lines.push(
              `${String(row.iteration).padStart(10)} ${row.time.toPrecision(4).padStart(10)} ${row.paramsSup.toExponential(3).padStart(14)} ${row.paramsHalfWidth.toExponential(2).padStart(10)} ${row.stateSup.toExponential(3).padStart(12)}`,
            );
          });
          lines.push(
            "",
            `sup over time: parameters ${result.paramsSup.toExponential(3)}, state law ${result.stateSup.toExponential(3)} (after iteration 0); ODE inside the band at ${(result.fractionInsideBand * 100).toFixed(1)}% of (time, parameter) pairs`,
          );
          process.stdout.write(`${lines.join("\n")}\n`);
        }
        if (flags.plot !== undefined) {
          // Plotting pulls in vega and resvg: load them only when a plot is asked for.
          const [{ writeChart }, { comparisonPlot }] = await Promise.all([
            import("@mfkit/report"),
            import("../comparison-plot.js"),
          ]);
          await writeChart(
            flags.plot,
            comparisonPlot(
              experiment,
              result,
              `Finite system (${result.simulation.runs} replicas) against its limit ODE`,
            ),
          );
          if (!flags.json) process.stdout.write(`plot written to ${flags.plot}\n`);
        }
      },
    );
}

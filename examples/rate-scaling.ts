/**
 * The finite system approaches its limit as the learning rate shrinks: PD-4 (mgap's example) with
 * every learner's α set to 0.01, 0.002 and 0.0005, run to the same rescaled time τ = α·k = 10, with
 * R replicas each. For each α it prints the sup over learners, states, actions and instants of
 * |simulation mean − ODE| with the largest 95% Monte-Carlo half-width, and a noise-corrected estimate
 * of the bias: the root of mean[(mean − ODE)² − sd²/R] over all (parameter, instant > 0) pairs, which
 * is unbiased for the mean squared bias. A bias ∝ α shows as a constant "bias/α" column.
 *
 *     pnpm example:rate-scaling [runs=1000] [seed=1]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CompareResult, compareInWorkers, parseExperimentOrThrow } from "@mfkit/homogenization";

/** √ of the mean over (parameter, instant > 0) of (mean − ODE)² − sd²/R, floored at 0. */
function noiseCorrectedBias(dim: number, result: CompareResult): number {
  const { summary } = result.simulation;
  const R = summary.runs;
  let sum = 0;
  let count = 0;
  for (let k = 1; k < summary.mean.length; k++) {
    const ode = result.ode.x[k]!;
    for (let i = 0; i < dim; i++) {
      sum += (summary.mean[k]![i]! - ode[i]!) ** 2 - summary.std[k]![i]! ** 2 / R;
      count++;
    }
  }
  return Math.sqrt(Math.max(0, sum / count));
}

const runs = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const base = JSON.parse(readFileSync(join(import.meta.dirname, "prisoners-dilemma-4.json"), "utf8"));
const tau = 10;
const instants = Array.from({ length: 11 }, (_, k) => (k * tau) / 10);

console.log(`PD-4, ${runs} replicas, seed ${seed}, rescaled times τ ∈ {0, 1, …, 10}`);
console.log(
  `${"α".padStart(8)} ${"iterations".padStart(10)} ${"sup|mean−ODE|".padStart(14)} ${"95% ±".padStart(10)} ${"RMS bias".padStart(10)} ${"bias/α".padStart(8)} ${"seconds".padStart(8)}`,
);
for (const alpha of [0.01, 0.002, 0.0005]) {
  const spec = {
    ...base,
    learners: base.learners.map((l: Record<string, unknown>) => ({ ...l, alpha })),
    clock: "rescaled",
    horizon: tau,
    evalTimes: instants,
  };
  const experiment = parseExperimentOrThrow(spec);
  const started = performance.now();
  const result = await compareInWorkers(experiment, { runs, seed, rtol: 1e-10, atol: 1e-10 });
  const seconds = (performance.now() - started) / 1000;
  const halfWidth = Math.max(...result.rows.map((r) => r.paramsHalfWidth));
  const bias = noiseCorrectedBias(experiment.model.dim, result);
  console.log(
    `${String(alpha).padStart(8)} ${String(Math.round(tau / alpha)).padStart(10)} ${result.paramsSup.toExponential(3).padStart(14)} ${halfWidth.toExponential(2).padStart(10)} ${bias.toExponential(2).padStart(10)} ${(bias / alpha).toFixed(3).padStart(8)} ${seconds.toFixed(1).padStart(8)}`,
  );
}

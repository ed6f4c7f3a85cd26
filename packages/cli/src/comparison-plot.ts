/**
 * The comparison plot of a homogenization experiment: one panel per (learner, state) with the limit
 * ODE as solid lines and the simulation mean ± confidence band per action, plus a panel for the
 * state law (ν_{x(t)} against the replicas' state frequencies).
 */
import { normalQuantile } from "@mfkit/core";
import type { CompareResult, Experiment } from "@mfkit/homogenization";
import { type BandSeries, comparisonChart, type LineSeries, PALETTE, type VegaLiteSpec } from "@mfkit/report";

/** Builds the vega-lite spec of {@link CompareResult}. */
export function comparisonPlot(experiment: Experiment, result: CompareResult, title: string): VegaLiteSpec {
  const { model } = experiment;
  const { simulation, ode } = result;
  const x = simulation.clockTimes;
  const z = normalQuantile(0.5 + result.confidence / 2);
  const sqrtRuns = Math.sqrt(simulation.runs);
  const lines: LineSeries[] = [];
  const bands: BandSeries[] = [];
  model.learners.forEach((learner, i) => {
    const [S, A] = [learner.paramShape[0] ?? 1, learner.paramShape[1] ?? 1];
    for (let s = 0; s < S; s++) {
      const panel = `learner ${i}, state ${s}`;
      for (let a = 0; a < A; a++) {
        const pick = (series: unknown[], k: number) => (series[k] as number[][])[s]![a]!;
        const mean = x.map((_, k) => pick(simulation.meanParams[i]!, k));
        const sd = x.map((_, k) => pick(simulation.stdParams[i]!, k));
        const color = PALETTE[a % PALETTE.length]!;
        lines.push({
          name: `ODE, action ${a}`,
          x,
          y: x.map((_, k) => pick(ode.params[i]!, k)),
          panel,
          color,
        });
        bands.push({
          name: `simulation, action ${a}`,
          color,
          x,
          mean,
          lower: mean.map((m, k) => m - (z * sd[k]!) / sqrtRuns),
          upper: mean.map((m, k) => m + (z * sd[k]!) / sqrtRuns),
          panel,
        });
      }
    }
  });
  const S = model.game.nStates;
  for (let s = 0; s < S; s++) {
    const panel = "state law";
    const freq = x.map((_, k) => simulation.stateFrequency[k]![s]!);
    const color = PALETTE[(s + 3) % PALETTE.length]!;
    lines.push({
      name: `limit ν(state ${s})`,
      x,
      y: x.map((_, k) => ode.stateDistribution[k]![s]!),
      panel,
      color,
    });
    bands.push({
      name: `state ${s} frequency`,
      color,
      x,
      mean: freq,
      lower: freq.map((p) => p - z * Math.sqrt((p * (1 - p)) / simulation.runs)),
      upper: freq.map((p) => p + z * Math.sqrt((p * (1 - p)) / simulation.runs)),
      panel,
    });
  }
  return comparisonChart(
    { lines, bands },
    {
      title,
      xLabel: experiment.clock === "iterations" ? "iteration t" : "rescaled time τ = ε·k",
      yLabel: "Q value / probability",
      columns: 4,
      width: 220,
      height: 150,
      independentY: true,
    },
  );
}

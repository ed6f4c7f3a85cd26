/**
 * The comparison plot of a homogenization experiment: one panel per (learner, state) — per row of
 * the last axis of the learner's parameter shape — with the limit ODE as solid lines and the
 * simulation mean ± confidence band per action (entry), plus a panel for the state law (ν_{x(t)} against the replicas' state frequencies).
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
  const { summary } = simulation;
  model.learners.forEach((learner, i) => {
    // One panel per row of the last axis: per state for an [S, A] table, per leading index otherwise
    // (a rank-1 block such as TD(0)'s V is one panel).
    const shape = learner.paramShape;
    const columns = shape.length >= 2 ? shape[shape.length - 1]! : learner.paramSize;
    const rows = learner.paramSize / columns;
    const leading = shape.length >= 2 ? shape.slice(0, -1) : [];
    for (let r = 0; r < rows; r++) {
      const index: number[] = [];
      for (let d = leading.length - 1, rest = r; d >= 0; d--) {
        index.unshift(rest % leading[d]!);
        rest = Math.floor(rest / leading[d]!);
      }
      const panel =
        shape.length === 2
          ? `learner ${i}, state ${r}`
          : shape.length === 1
            ? `learner ${i}`
            : `learner ${i}, [${index.join(", ")}]`;
      for (let c = 0; c < columns; c++) {
        const d = model.offsets[i]! + r * columns + c;
        const name = shape.length === 2 ? `action ${c}` : `entry ${c}`;
        const mean = x.map((_, k) => summary.mean[k]![d]!);
        const sd = x.map((_, k) => summary.std[k]![d]!);
        const color = PALETTE[c % PALETTE.length]!;
        lines.push({ name: `ODE, ${name}`, x, y: x.map((_, k) => ode.x[k]![d]!), panel, color });
        bands.push({
          name: `simulation, ${name}`,
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

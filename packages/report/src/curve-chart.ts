/**
 * Curves without bands: learning curves, exploitability against iteration (usually `logY`),
 * distances between finite and limit systems against time. Same styling as the comparison chart.
 */
import { comparisonChart } from "./comparison-chart.js";
import type { ChartOptions, LineSeries, VegaLiteSpec } from "./spec.js";

/**
 * Builds a chart of the curves y(x) of `lines` (solid unless `dashed`, faceted by `panel` if any),
 * with the same cleaning, decimation and palette as {@link comparisonChart}.
 */
export function curveChart(lines: readonly LineSeries[], options: ChartOptions = {}): VegaLiteSpec {
  const spec = comparisonChart({ lines, bands: [] }, options);
  return { ...spec, description: "mfkit curve chart" } as VegaLiteSpec;
}

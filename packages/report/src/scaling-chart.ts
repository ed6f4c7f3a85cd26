/**
 * Scaling plots: an error against the population size N on log–log axes, with confidence-interval
 * error bars and a fitted power law y = C·x^s. For a power law the plot is a straight line of slope
 * s; given s, the intercept is the least-squares one in log space, log C = mean(log yᵢ − s·log xᵢ),
 * and the slope is shown in the legend (e.g. s ≈ −1/2 for the O(1/√N) mean-field rate).
 */
import { DEFAULT_MAX_POINTS } from "./decimate.js";
import { frameSpec, positionScale, titleBlock } from "./frame.js";
import { logAxis, positiveExtent } from "./log-axis.js";
import { ChartNotes, clampNonPositive, plottableIndices } from "./prepare.js";
import type { ChartOptions, VegaLiteSpec } from "./spec.js";
import { assignColors, DASH } from "./theme.js";

/** One series of a scaling chart: y(x) with an optional CI [lower, upper] and fitted slope. */
export interface ScalingSeries {
  series: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** The exponent s of the fitted power law C·x^s drawn through the points (dashed). */
  fittedSlope?: number;
  /** A CSS color overriding the palette. */
  color?: string;
}

/** The least-squares intercept log C of log y = log C + s·log x with s fixed; NaN without points. */
export function powerLawIntercept(x: ArrayLike<number>, y: ArrayLike<number>, slope: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] > 0 && y[i] > 0 && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sum += Math.log(y[i]) - slope * Math.log(x[i]);
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

/** The legend label of a series: its name, with the fitted slope when there is one. */
export function scalingLabel(series: ScalingSeries): string {
  if (series.fittedSlope === undefined || !Number.isFinite(series.fittedSlope)) return series.series;
  const slope = series.fittedSlope.toFixed(2).replace("-", "−");
  return `${series.series} (slope ${slope})`;
}

/**
 * Builds the scaling chart: points y(x) with error bars [lower, upper] (if given) and, for series
 * with `fittedSlope`, the dashed line C·x^s over the range of x. Axes are logarithmic unless
 * `logX`/`logY` are explicitly false; points ≤ 0 or non-finite are dropped and lower bounds ≤ 0
 * clamped, with notes. Mismatched lengths throw `MfkitError("invalid-shape")` at `["points", i, field]`.
 */
export function scalingChart(points: readonly ScalingSeries[], options: ChartOptions = {}): VegaLiteSpec {
  const logX = options.logX !== false;
  const logY = options.logY !== false;
  const notes = new ChartNotes();
  const rows: Record<string, unknown>[] = [];
  points.forEach((s, k) => {
    const label = scalingLabel(s);
    const hasBars = s.lower !== undefined && s.upper !== undefined;
    const lower =
      hasBars && logY ? clampNonPositive(s.series, "lower bound", s.lower!, [s.lower!, s.y], notes) : s.lower;
    const columns = [
      { field: "x", values: s.x, positive: logX },
      { field: "y", values: s.y, positive: logY },
      ...(hasBars
        ? [
            { field: "lower", values: lower!, positive: logY },
            { field: "upper", values: s.upper!, positive: logY },
          ]
        : []),
    ];
    const kept = plottableIndices(
      s.series,
      columns,
      ["points", k],
      notes,
      options.maxPoints ?? DEFAULT_MAX_POINTS,
    );
    for (const i of kept) {
      rows.push({
        series: label,
        kind: "point",
        x: s.x[i],
        y: s.y[i],
        ...(hasBars ? { lo: lower![i], hi: s.upper![i] } : {}),
      });
    }
    if (s.fittedSlope !== undefined && Number.isFinite(s.fittedSlope) && kept.length > 0) {
      const xs = kept.map((i) => s.x[i]);
      const ys = kept.map((i) => s.y[i]);
      const logC = powerLawIntercept(xs, ys, s.fittedSlope);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      for (const x of lo === hi ? [lo] : [lo, hi]) {
        rows.push({ series: label, kind: "fit", x, y: Math.exp(logC + s.fittedSlope * Math.log(x)) });
      }
    }
  });

  const colors = assignColors(points.map((s) => ({ name: scalingLabel(s), color: s.color })));
  const color = {
    field: "series",
    type: "nominal",
    scale: colors,
    legend: { title: null, symbolType: "circle", symbolOpacity: 1, symbolSize: 90 },
  };
  const x = {
    field: "x",
    type: "quantitative",
    title: options.xLabel ?? "N",
    scale: positionScale(logX, { nice: false, padding: 12 }),
    ...(logX ? { axis: logAxis(positiveExtent(rows, ["x"])) } : {}),
  };
  const yAxis = logY ? { axis: logAxis(positiveExtent(rows, ["y", "lo", "hi"])) } : {};
  const yTitle = options.yLabel ?? "error";
  const yScale = positionScale(logY, { padding: 12 });
  const only = (kind: string) => [{ filter: { field: "kind", equal: kind } }];
  const layers = [
    {
      transform: [...only("point"), { filter: "isValid(datum.lo) && isValid(datum.hi)" }],
      mark: { type: "errorbar", ticks: { size: 8 }, thickness: 1.5 },
      encoding: {
        x,
        y: { field: "lo", type: "quantitative", title: yTitle, scale: yScale, ...yAxis },
        y2: { field: "hi" },
        color,
      },
    },
    {
      transform: only("fit"),
      mark: { type: "line", strokeWidth: 1.5, strokeDash: [...DASH] },
      encoding: { x, y: { field: "y", type: "quantitative", title: yTitle, scale: yScale, ...yAxis }, color },
    },
    {
      transform: only("point"),
      mark: { type: "point", filled: true, size: 55, opacity: 1 },
      encoding: { x, y: { field: "y", type: "quantitative", title: yTitle, scale: yScale, ...yAxis }, color },
    },
  ];
  return frameSpec({
    rows,
    layers,
    panels: [],
    title: titleBlock(options.title, options.subtitle, notes.list()),
    width: options.width ?? 440,
    height: options.height ?? 320,
    description:
      "mfkit scaling chart: error against N on log-log axes with CI error bars and fitted power laws",
    notes: notes.list(),
  });
}

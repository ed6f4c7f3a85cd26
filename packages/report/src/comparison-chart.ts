/**
 * The main plot of mfkit: deterministic mean-field limits (ODE solutions, solid lines) against the
 * finite-N system (simulation means, dashed, inside a shaded confidence band), faceted by `panel`
 * (e.g. one panel per learner or per state) with one legend naming every series.
 */

import { DEFAULT_MAX_POINTS } from "./decimate.js";
import { collectPanels, frameSpec, panelsOf, positionScale, titleBlock } from "./frame.js";
import { logAxis, positiveExtent } from "./log-axis.js";
import { ChartNotes, clampNonPositive, plottableIndices } from "./prepare.js";
import { seriesEncodings } from "./series-encoding.js";
import type { BandSeries, ChartOptions, LineSeries, VegaLiteSpec } from "./spec.js";
import { BAND_OPACITY } from "./theme.js";

/** Default panel size of a comparison chart with panels, and of a single-view one. */
const PANEL = { width: 300, height: 190 };
const SINGLE = { width: 520, height: 320 };

/**
 * Builds the comparison chart of limit `lines` (solid unless `dashed`) against simulation `bands`
 * (shaded [lower, upper] with the optional mean dashed). Rows with a non-finite value are dropped and
 * noted under the title; on a log axis, points ≤ 0 are dropped and band lower bounds ≤ 0 are clamped
 * to the smallest positive value of that band. Each series is decimated to `maxPoints` (2000).
 * Mismatched array lengths throw `MfkitError("invalid-shape")` at `["lines"|"bands", i, field]`.
 */
export function comparisonChart(
  input: { lines: readonly LineSeries[]; bands: readonly BandSeries[] },
  options: ChartOptions = {},
): VegaLiteSpec {
  const notes = new ChartNotes();
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const panels = collectPanels([...input.lines, ...input.bands]);
  const rows: Record<string, unknown>[] = [];
  const push = (panel: string | undefined, row: Record<string, unknown>) => {
    for (const p of panelsOf(panel, panels)) rows.push(p === undefined ? row : { ...row, panel: p });
  };

  input.bands.forEach((band, b) => {
    const lower =
      options.logY === true
        ? clampNonPositive(
            band.name,
            "lower bound",
            band.lower,
            [band.lower, band.upper, band.mean ?? []],
            notes,
          )
        : band.lower;
    const columns = [
      { field: "x", values: band.x, positive: options.logX, shape: false },
      { field: "lower", values: lower, positive: options.logY },
      { field: "upper", values: band.upper, positive: options.logY },
      ...(band.mean !== undefined ? [{ field: "mean", values: band.mean, positive: options.logY }] : []),
    ];
    // One row per band point; the mean, if any, rides along as `y` (fewer rows for vega to process).
    for (const i of plottableIndices(band.name, columns, ["bands", b], notes, maxPoints)) {
      const row = { series: band.name, kind: "band", x: band.x[i], lo: lower[i], hi: band.upper[i] };
      push(band.panel, band.mean !== undefined ? { ...row, y: band.mean[i] } : row);
    }
  });
  input.lines.forEach((line, l) => {
    const columns = [
      { field: "x", values: line.x, positive: options.logX, shape: false },
      { field: "y", values: line.y, positive: options.logY },
    ];
    for (const i of plottableIndices(line.name, columns, ["lines", l], notes, maxPoints)) {
      push(line.panel, { series: line.name, kind: "line", x: line.x[i], y: line.y[i] });
    }
  });

  const styles = [
    ...input.lines.map((l) => ({ name: l.name, color: l.color, dashed: l.dashed === true })),
    ...input.bands.map((b) => ({ name: b.name, color: b.color, dashed: true })),
  ];
  const { color, strokeDash } = seriesEncodings(styles);
  const x = {
    field: "x",
    type: "quantitative",
    title: options.xLabel ?? "x",
    scale: positionScale(options.logX),
    ...(options.logX === true ? { axis: logAxis(positiveExtent(rows, ["x"])) } : {}),
  };
  // Decade ticks come from the extent of all rows, so they only suit a y scale shared by all panels.
  const sharedY = options.independentY !== true || panels.length === 0;
  const yAxis =
    options.logY === true && sharedY ? { axis: logAxis(positiveExtent(rows, ["y", "lo", "hi"])) } : {};
  const yScale = positionScale(options.logY);
  const yTitle = options.yLabel ?? "y";
  const only = (kind: string) => [{ filter: { field: "kind", equal: kind } }];
  const layers = [
    {
      transform: only("band"),
      mark: { type: "area", opacity: BAND_OPACITY },
      encoding: {
        x,
        y: { field: "lo", type: "quantitative", title: yTitle, scale: yScale, ...yAxis },
        y2: { field: "hi" },
        color,
      },
    },
    {
      transform: [...only("band"), { filter: "isValid(datum.y)" }],
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x,
        y: { field: "y", type: "quantitative", title: yTitle, scale: yScale, ...yAxis },
        color,
        strokeDash,
      },
    },
    {
      transform: only("line"),
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x,
        y: { field: "y", type: "quantitative", title: yTitle, scale: yScale, ...yAxis },
        color,
        strokeDash,
      },
    },
  ];
  const size = panels.length > 0 ? PANEL : SINGLE;
  return frameSpec({
    rows,
    layers,
    panels,
    title: titleBlock(options.title, options.subtitle, notes.list()),
    width: options.width ?? size.width,
    height: options.height ?? size.height,
    columns: options.columns,
    independentY: options.independentY,
    description:
      "mfkit comparison chart: mean-field limit lines against simulation means with confidence bands",
    notes: notes.list(),
  });
}

/**
 * Phase portraits of two-dimensional dynamics ẋ = u(x, y), ẏ = v(x, y), e.g. the mixed strategies
 * of two learners on [0, 1]²: the vector field as arrows of equal length (direction only; the speed
 * |(u, v)| is shown by opacity) plus trajectories, each starting at a dot.
 *
 * Arrows are normalised in screen space: with pixel scales sx = width/(x-span), sy = height/(y-span)
 * the screen direction is (u·sx, v·sy)/‖·‖, and every arrow is 0.8 of the grid spacing long and
 * centred on its grid point, so directions are true on screen even when the two spans differ.
 */
import { MfkitError } from "@mfkit/core";
import { DEFAULT_MAX_POINTS } from "./decimate.js";
import { frameSpec, titleBlock } from "./frame.js";
import { ChartNotes, plottableIndices } from "./prepare.js";
import type { ChartOptions, VegaLiteSpec } from "./spec.js";
import { assignColors } from "./theme.js";

/** A sampled vector field: at (x[i], y[i]) the velocity is (u[i], v[i]). */
export interface VectorField {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  u: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** A trajectory (x(t), y(t)) drawn in the phase plane, in time order. */
export interface Trajectory {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A CSS color overriding the palette. */
  color?: string;
}

/** Options of {@link phasePortrait}: the chart options plus the plotted domains. */
export interface PhasePortraitOptions extends ChartOptions {
  /** The x range shown (default: the extent of the field and trajectories). */
  xDomain?: [number, number];
  /** The y range shown (default: the extent of the field and trajectories). */
  yDomain?: [number, number];
}

const ARROW_FILL = "#4A5A6A";

/** [min, max] of the finite values of several columns; undefined when there are none. */
function extent(columns: ReadonlyArray<ArrayLike<number>>): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const value = column[i];
      if (Number.isFinite(value)) {
        if (value < lo) lo = value;
        if (value > hi) hi = value;
      }
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function checkDomain(domain: [number, number] | undefined, key: string): void {
  if (domain === undefined) return;
  const [a, b] = domain;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
    throw new MfkitError("invalid-argument", `${key} must be two finite numbers [min, max] with min < max`, [
      "options",
      key,
    ]);
  }
}

/** Three legend entries for the speed: 0, half the largest speed and the largest, rounded down to 2 digits. */
function legendSpeeds(rows: ReadonlyArray<Record<string, unknown>>): number[] {
  let top = 0;
  for (const row of rows) if (typeof row.speed === "number" && row.speed > top) top = row.speed;
  if (!(top > 0)) return [0];
  const unit = 10 ** (Math.floor(Math.log10(top)) - 1);
  const rounded = Math.floor(top / unit) * unit; // ≤ top, so inside the scale's domain
  return [0, Number((rounded / 2).toPrecision(2)), Number(rounded.toPrecision(2))];
}

/** Number of distinct values among the kept entries of `values` (the grid resolution). */
function distinct(values: ArrayLike<number>, kept: readonly number[]): number {
  return new Set(kept.map((i) => values[i])).size;
}

/**
 * Builds the phase portrait of `field` (arrows, normalised length, opacity by speed; zero vectors,
 * the rest points, are left out) with `trajectories` (coloured lines, dot at the start). Non-finite
 * samples are dropped with a note; trajectories are decimated to `maxPoints`. Mismatched lengths
 * throw `MfkitError("invalid-shape")`; a bad domain throws `MfkitError("invalid-argument")`.
 */
export function phasePortrait(
  field: VectorField,
  trajectories: readonly Trajectory[],
  options: PhasePortraitOptions = {},
): VegaLiteSpec {
  checkDomain(options.xDomain, "xDomain");
  checkDomain(options.yDomain, "yDomain");
  const notes = new ChartNotes();
  const width = options.width ?? 380;
  const height = options.height ?? 380;
  const xDomain = options.xDomain ?? extent([field.x, ...trajectories.map((t) => t.x)]) ?? [0, 1];
  const yDomain = options.yDomain ?? extent([field.y, ...trajectories.map((t) => t.y)]) ?? [0, 1];
  const spanX = xDomain[1] - xDomain[0] || 1;
  const spanY = yDomain[1] - yDomain[0] || 1;
  const sx = width / spanX;
  const sy = height / spanY;

  const rows: Record<string, unknown>[] = [];
  const kept = plottableIndices(
    "vector field",
    [
      { field: "x", values: field.x },
      { field: "y", values: field.y },
      { field: "u", values: field.u },
      { field: "v", values: field.v },
    ],
    ["field"],
    notes,
    Number.POSITIVE_INFINITY,
  );
  const spacing = Math.min(
    width / Math.max(1, distinct(field.x, kept)),
    height / Math.max(1, distinct(field.y, kept)),
  );
  const length = 0.8 * spacing;
  for (const i of kept) {
    const px = field.u[i] * sx;
    const py = field.v[i] * sy;
    const norm = Math.hypot(px, py);
    if (!(norm > 0) || !Number.isFinite(norm)) continue; // a rest point: no direction to draw
    const dx = ((px / norm) * length) / 2 / sx;
    const dy = ((py / norm) * length) / 2 / sy;
    const speed = Math.hypot(field.u[i], field.v[i]);
    const [x, y] = [field.x[i], field.y[i]];
    rows.push({ kind: "shaft", x: x - dx, y: y - dy, x2: x + dx, y2: y + dy, speed });
    rows.push({ kind: "head", x: x + dx, y: y + dy, angle: (Math.atan2(px, py) * 180) / Math.PI, speed });
  }

  trajectories.forEach((t, k) => {
    const columns = [
      { field: "x", values: t.x },
      { field: "y", values: t.y },
    ];
    const indices = plottableIndices(
      t.name,
      columns,
      ["trajectories", k],
      notes,
      options.maxPoints ?? DEFAULT_MAX_POINTS,
    );
    indices.forEach((i, order) => {
      rows.push({ kind: "path", series: t.name, x: t.x[i], y: t.y[i], order });
    });
    if (indices.length > 0)
      rows.push({ kind: "start", series: t.name, x: t.x[indices[0]], y: t.y[indices[0]] });
  });

  const x = {
    field: "x",
    type: "quantitative",
    title: options.xLabel ?? "x",
    scale: { domain: xDomain, nice: false, zero: false },
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: options.yLabel ?? "y",
    scale: { domain: yDomain, nice: false, zero: false },
  };
  const colors = assignColors(trajectories);
  const color = {
    field: "series",
    type: "nominal",
    scale: colors,
    legend: { title: null, symbolType: "stroke", symbolOpacity: 1 },
  };
  const speedOpacity = {
    field: "speed",
    type: "quantitative",
    scale: { range: [0.3, 1], zero: true },
    legend: {
      title: "speed |(u, v)|",
      symbolType: "triangle-right",
      symbolFillColor: ARROW_FILL,
      symbolSize: 120,
      values: legendSpeeds(rows),
      format: ".2~g",
    },
  };
  const only = (kind: string) => [{ filter: { field: "kind", equal: kind } }];
  const layers = [
    {
      transform: only("shaft"),
      mark: { type: "rule", color: ARROW_FILL, strokeWidth: 1.2, clip: true },
      encoding: { x, y, x2: { field: "x2" }, y2: { field: "y2" }, opacity: speedOpacity },
    },
    {
      transform: only("head"),
      mark: { type: "point", shape: "triangle-up", filled: true, color: ARROW_FILL, size: 22, clip: true },
      encoding: { x, y, angle: { field: "angle", type: "quantitative", scale: null }, opacity: speedOpacity },
    },
    {
      transform: only("path"),
      mark: { type: "line", strokeWidth: 2, clip: true },
      encoding: { x, y, order: { field: "order", type: "quantitative" }, color },
    },
    {
      transform: only("start"),
      mark: {
        type: "point",
        filled: true,
        size: 80,
        opacity: 1,
        stroke: "white",
        strokeWidth: 1.5,
        clip: true,
      },
      encoding: { x, y, color },
    },
  ];
  return frameSpec({
    rows,
    layers,
    panels: [],
    title: titleBlock(options.title, options.subtitle, notes.list()),
    width,
    height,
    description: "mfkit phase portrait: normalised vector field with trajectories",
    notes: notes.list(),
  });
}

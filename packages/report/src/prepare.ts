/**
 * Turning user series into plottable rows: shape checks, removal of non-finite points (and of
 * non-positive ones on a logarithmic axis), then decimation. Whatever is removed is recorded in
 * {@link ChartNotes}, which the builders print under the chart title, so nothing disappears silently
 * and the renderer never sees a NaN or an infinity.
 */
import { type ErrorPath, MfkitError } from "@mfkit/core";
import { DEFAULT_MAX_POINTS, decimationIndices } from "./decimate.js";

/** Human-readable notes collected while preparing a chart (dropped or clamped points). */
export class ChartNotes {
  private readonly items: string[] = [];

  /** Records one note. */
  add(note: string): void {
    this.items.push(note);
  }

  /** The notes, in the order they were recorded. */
  list(): string[] {
    return [...this.items];
  }
}

/** One numeric column of a series, with whether it is drawn on a logarithmic axis. */
export interface PrepColumn {
  /** The field name used in error paths (`"y"`, `"lower"`, …). */
  field: string;
  values: ArrayLike<number>;
  /** The column is plotted on a log axis: values ≤ 0 are dropped. */
  positive?: boolean;
  /** The column is used to choose decimation extremes (default true). */
  shape?: boolean;
}

/**
 * Checks that all columns have the same length (else `MfkitError("invalid-shape")` at
 * `path`), drops rows with a non-finite value (or a non-positive one in a `positive` column),
 * notes what was dropped under the series `name`, and decimates the rest to at most `maxPoints`
 * rows. Returns the indices of the rows to plot, increasing.
 */
export function plottableIndices(
  name: string,
  columns: readonly PrepColumn[],
  path: ErrorPath,
  notes: ChartNotes,
  maxPoints: number = DEFAULT_MAX_POINTS,
): number[] {
  const n = columns.length > 0 ? columns[0].values.length : 0;
  for (const column of columns) {
    if (column.values.length !== n) {
      throw new MfkitError(
        "invalid-shape",
        `series "${name}": ${column.field} has ${column.values.length} values but ${columns[0].field} has ${n}`,
        [...path, column.field],
        { lengths: Object.fromEntries(columns.map((c) => [c.field, c.values.length])) },
      );
    }
  }
  const kept: number[] = [];
  let nonFinite = 0;
  let nonPositive = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    let positiveOk = true;
    for (const column of columns) {
      const v = column.values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        ok = false;
        break;
      }
      if (column.positive === true && v <= 0) positiveOk = false;
    }
    if (!ok) nonFinite++;
    else if (!positiveOk) nonPositive++;
    else kept.push(i);
  }
  if (nonFinite > 0) notes.add(`${name}: ${plural(nonFinite, "non-finite point")} dropped`);
  if (nonPositive > 0) notes.add(`${name}: ${plural(nonPositive, "point")} ≤ 0 dropped (log axis)`);
  if (kept.length <= maxPoints) return kept;
  const shapeColumns = columns
    .filter((c) => c.shape !== false)
    .map((c) => {
      const packed = new Float64Array(kept.length);
      for (let j = 0; j < kept.length; j++) packed[j] = c.values[kept[j]];
      return packed;
    });
  return decimationIndices(kept.length, shapeColumns, maxPoints).map((j) => kept[j]);
}

/** "1 point" / "3 points". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * For a lower bound on a log axis: replaces the finite values ≤ 0 of `values` by the smallest
 * positive finite value found in `candidates` (the series' own values), noting how many were
 * clamped. Returns `values` unchanged when nothing needs clamping or no positive value exists.
 */
export function clampNonPositive(
  name: string,
  what: string,
  values: ArrayLike<number>,
  candidates: ReadonlyArray<ArrayLike<number>>,
  notes: ChartNotes,
): ArrayLike<number> {
  let floor = Number.POSITIVE_INFINITY;
  for (const column of candidates) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (Number.isFinite(v) && v > 0 && v < floor) floor = v;
    }
  }
  if (!Number.isFinite(floor)) return values;
  let clamped = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] <= 0) clamped++;
  if (clamped === 0) return values;
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) if (Number.isFinite(out[i]) && out[i] <= 0) out[i] = floor;
  notes.add(`${name}: ${plural(clamped, what)} ≤ 0 clamped to ${floor.toPrecision(3)} (log axis)`);
  return out;
}

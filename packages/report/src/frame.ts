/**
 * The frame shared by the chart builders: title and notes, axis scales, and the choice between a
 * single view and a faceted grid of panels. Builders supply the data rows and the layers.
 */
import type { VegaLiteSpec } from "./spec.js";
import { chartConfig } from "./theme.js";

/** The vega-lite schema every spec declares. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** A quantitative position scale: logarithmic or linear, never forced to include zero. */
export function positionScale(log: boolean | undefined, extra: Record<string, unknown> = {}) {
  return log === true ? { type: "log", ...extra } : { type: "linear", zero: false, ...extra };
}

/**
 * The title block: the title, then the optional subtitle and every note (dropped points…) as
 * subtitle lines. Undefined when there is nothing to show.
 */
export function titleBlock(
  title: string | undefined,
  subtitle: string | undefined,
  notes: readonly string[],
) {
  const lines = [...(subtitle !== undefined ? [subtitle] : []), ...notes.map((n) => `Note: ${n}`)];
  if (title === undefined && lines.length === 0) return undefined;
  return lines.length > 0 ? { text: title ?? "", subtitle: lines } : { text: title ?? "" };
}

/** Default number of facet columns: one row up to 3 panels, 2 columns for 4, 3 beyond. */
export function defaultColumns(panels: number): number {
  if (panels <= 3) return Math.max(1, panels);
  if (panels === 4) return 2;
  return 3;
}

/** What {@link frameSpec} assembles. */
export interface FrameInput {
  rows: Record<string, unknown>[];
  layers: Record<string, unknown>[];
  /** Facet names in display order; empty for a single view. */
  panels: readonly string[];
  title: ReturnType<typeof titleBlock>;
  width: number;
  height: number;
  columns?: number | undefined;
  /** One y scale per panel instead of a shared one. */
  independentY?: boolean | undefined;
  description: string;
  notes: readonly string[];
}

/**
 * Builds the top-level spec: inline data, the layers in one view, or faceted on the `panel` field
 * (in the given order, `columns` per row, shared scales unless `independentY`) when there are panels. The notes are also
 * kept machine-readable under `usermeta.mfkit.notes`.
 */
export function frameSpec(input: FrameInput): VegaLiteSpec {
  const head: Record<string, unknown> = {
    $schema: VEGA_LITE_SCHEMA,
    description: input.description,
    ...(input.title !== undefined ? { title: input.title } : {}),
    data: { values: input.rows },
  };
  const tail = { config: chartConfig(), usermeta: { mfkit: { notes: [...input.notes] } } };
  if (input.panels.length === 0) {
    return {
      ...head,
      width: input.width,
      height: input.height,
      layer: input.layers,
      ...tail,
    } as unknown as VegaLiteSpec;
  }
  return {
    ...head,
    facet: { field: "panel", type: "nominal", sort: [...input.panels], header: { title: null } },
    columns: input.columns ?? defaultColumns(input.panels.length),
    spec: { width: input.width, height: input.height, layer: input.layers },
    ...(input.independentY === true ? { resolve: { scale: { y: "independent" } } } : {}),
    ...tail,
  } as unknown as VegaLiteSpec;
}

/**
 * Panel names in order of first appearance; a series without a panel in a chart that has panels
 * is copied into every panel by {@link panelsOf}.
 */
export function collectPanels(series: ReadonlyArray<{ panel?: string | undefined }>): string[] {
  const panels: string[] = [];
  for (const s of series) if (s.panel !== undefined && !panels.includes(s.panel)) panels.push(s.panel);
  return panels;
}

/** The panels a series is drawn in: its own, every panel if it has none, or none in a single view. */
export function panelsOf(panel: string | undefined, panels: readonly string[]): (string | undefined)[] {
  if (panels.length === 0) return [undefined];
  return panel !== undefined ? [panel] : [...panels];
}

/**
 * The notes a builder recorded on a chart (points dropped or clamped, samples skipped), read back
 * from `usermeta.mfkit.notes`; empty for a spec this package did not build. A CLI can print them.
 */
export function chartNotes(spec: VegaLiteSpec): string[] {
  const notes = (spec as { usermeta?: { mfkit?: { notes?: unknown } } }).usermeta?.mfkit?.notes;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === "string") : [];
}

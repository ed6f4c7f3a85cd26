/**
 * The data types shared by every chart builder of `@mfkit/report`.
 *
 * A chart is data-first: the caller hands over series of numbers, a builder turns them into a
 * vega-lite specification (plain JSON), and the renderers turn that into SVG or PNG. The spec is
 * returned rather than hidden so that a user can tweak any part of it before rendering.
 */
import type { TopLevelSpec } from "vega-lite";

/**
 * A vega-lite top-level specification: plain, JSON-serialisable data. Every builder of this package
 * returns one; edit it freely (titles, scales, `config`) before handing it to a renderer.
 */
export type VegaLiteSpec = TopLevelSpec;

/**
 * One polyline y(x), e.g. a coordinate of the deterministic (ODE / mean-field) limit over time.
 * `x` and `y` must have the same length (else `MfkitError("invalid-shape")`). Points with a
 * non-finite coordinate are dropped (and noted on the chart); long series are decimated to at
 * most ~2000 points.
 */
export interface LineSeries {
  /** The legend entry; series with the same name share one color. */
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /**
   * The facet this line belongs to (e.g. one panel per learner or per state). A series without a
   * panel, in a chart where other series have one, is drawn in every panel (a reference line).
   */
  panel?: string;
  /** Draw dashed (default: solid, the convention for a deterministic limit). */
  dashed?: boolean;
  /** A CSS color overriding the palette for this series name. */
  color?: string;
}

/**
 * A band lower(x) ≤ · ≤ upper(x), e.g. a confidence band around the mean of a finite-N simulation,
 * with an optional centre line `mean(x)` drawn dashed. All arrays must have the same length.
 */
export interface BandSeries {
  /** The legend entry (shared with the mean line); series with the same name share one color. */
  name: string;
  x: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  mean?: ArrayLike<number>;
  /** The facet, as for {@link LineSeries.panel}. */
  panel?: string;
  /** A CSS color overriding the palette for this series name. */
  color?: string;
}

/** Layout options shared by the chart builders. Sizes are in CSS pixels and are per panel. */
export interface ChartOptions {
  title?: string;
  /** A second title line, in smaller type. */
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic x axis (points with x ≤ 0 are dropped with a note). */
  logX?: boolean;
  /** Logarithmic y axis (points with y ≤ 0 are dropped with a note). */
  logY?: boolean;
  /** Width of one panel (the whole plot when there are no panels). */
  width?: number;
  /** Height of one panel. */
  height?: number;
  /** Number of facet columns when the chart has panels. */
  columns?: number;
  /**
   * Give every panel its own y scale (default: one shared scale, so panels compare directly). Use
   * it when panels hold quantities of different size, e.g. Q-values next to probabilities.
   */
  independentY?: boolean;
  /** Largest number of points kept per series after decimation (default 2000). */
  maxPoints?: number;
}

/**
 * The look shared by every mfkit chart: one font (the bundled DejaVu Sans, so that the SVG text
 * widths and the PNG glyphs agree on every machine), a colour-blind-safe palette, and the vega-lite
 * `config` block that sets sizes and colours of titles, axes, legends and facet headers.
 */

/** The font family every chart uses; {@link svgToPng} loads exactly this family from the bundled TTFs. */
export const CHART_FONT = "DejaVu Sans";

/**
 * The CSS font stack written into the SVG: the bundled DejaVu Sans first (what resvg draws and
 * what the layout is measured with), then Verdana and Bitstream Vera Sans (near-identical widths)
 * and sans-serif, so a browser without DejaVu still shows a similar sans-serif face.
 */
export const CHART_FONT_STACK = `'${CHART_FONT}', Verdana, 'Bitstream Vera Sans', sans-serif`;

/**
 * The categorical palette, in order of assignment: the Okabe–Ito colour-blind-safe colours
 * (without its yellow, unreadable on white), followed by a few darker extras for long legends.
 */
export const PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000", // black
  "#8C564B", // brown
  "#7F7F7F", // grey
  "#332288", // indigo
];

/** The dash pattern of dashed series (simulation means, `dashed: true` lines): 6 px on, 4 px off. */
export const DASH: readonly number[] = [6, 4];
/** The "dash" pattern of solid series. */
export const SOLID: readonly number[] = [1, 0];
/** Fill opacity of confidence bands. */
export const BAND_OPACITY = 0.22;

/**
 * Assigns palette colours to series names in order of first appearance; an explicit colour given
 * for a name wins. Returns the vega-lite scale `domain` and `range` in matching order.
 */
export function assignColors(entries: ReadonlyArray<{ name: string; color?: string | undefined }>): {
  domain: string[];
  range: string[];
} {
  const domain: string[] = [];
  const range: string[] = [];
  let next = 0;
  for (const { name, color } of entries) {
    const at = domain.indexOf(name);
    if (at >= 0) {
      if (color !== undefined) range[at] = color;
      continue;
    }
    domain.push(name);
    range.push(color ?? PALETTE[next % PALETTE.length]);
    if (color === undefined) next++;
  }
  return { domain, range };
}

/**
 * The vega-lite `config` of every mfkit chart: white background, {@link CHART_FONT} throughout,
 * readable sizes (titles 15 px, axis titles 12 px, labels 11 px), light grid, boxed panels.
 */
export function chartConfig(): Record<string, unknown> {
  return {
    background: "white",
    padding: 8,
    font: CHART_FONT_STACK,
    view: { stroke: "#BBBBBB" },
    title: {
      font: CHART_FONT_STACK,
      fontSize: 15,
      fontWeight: "bold",
      subtitleFontSize: 11,
      subtitleColor: "#555555",
      anchor: "start",
      offset: 10,
    },
    axis: {
      labelFont: CHART_FONT_STACK,
      titleFont: CHART_FONT_STACK,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      labelColor: "#333333",
      titleColor: "#222222",
      gridColor: "#E6E6E6",
      domainColor: "#888888",
      tickColor: "#888888",
    },
    legend: {
      labelFont: CHART_FONT_STACK,
      titleFont: CHART_FONT_STACK,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "bold",
      symbolStrokeWidth: 2.5,
      symbolSize: 300,
      labelLimit: 320,
    },
    header: {
      labelFont: CHART_FONT_STACK,
      titleFont: CHART_FONT_STACK,
      labelFontSize: 12,
      labelFontWeight: "bold",
      labelColor: "#222222",
    },
    line: { strokeWidth: 2 },
  };
}

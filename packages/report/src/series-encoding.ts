/**
 * The series encodings shared by line-based charts: colour by series name (palette in order of
 * appearance), dash pattern by series name (solid for limits, dashed for simulation means), merged
 * into one legend whose symbols show both.
 */
import { assignColors, DASH, SOLID } from "./theme.js";

/** A legend entry: the name, its optional colour override and whether it is drawn dashed. */
export interface SeriesStyle {
  name: string;
  color?: string | undefined;
  dashed: boolean;
}

/**
 * The `color` and `strokeDash` channel definitions on the `series` field. Both have the same
 * field and title, so vega-lite draws a single legend with coloured, dashed-or-solid strokes. When a
 * name appears several times, its first style wins.
 */
export function seriesEncodings(styles: readonly SeriesStyle[], legendTitle: string | null = null) {
  const colors = assignColors(styles);
  const dashes = colors.domain.map((name) => {
    const style = styles.find((s) => s.name === name);
    return style?.dashed === true ? [...DASH] : [...SOLID];
  });
  const legend = { title: legendTitle, orient: "right", symbolType: "stroke", symbolOpacity: 1 };
  return {
    color: {
      field: "series",
      type: "nominal",
      scale: { domain: colors.domain, range: colors.range },
      legend,
    },
    strokeDash: {
      field: "series",
      type: "nominal",
      scale: { domain: colors.domain, range: dashes },
      legend,
    },
  };
}

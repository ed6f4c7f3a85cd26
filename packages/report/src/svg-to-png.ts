/**
 * Rasterising an SVG chart to PNG with resvg, using only the bundled DejaVu Sans (system fonts are
 * never loaded, so the picture is the same on every machine).
 */

import { MfkitError } from "@mfkit/core";
import { Resvg } from "@resvg/resvg-js";
import { bundledFontFiles } from "./font.js";
import { CHART_FONT } from "./theme.js";

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /**
   * Width of the PNG in pixels; the height follows the SVG's aspect ratio. Default: twice the SVG
   * width (crisp on high-density screens and in documents).
   */
  width?: number;
}

/** A rasterised chart: RGBA pixels, row-major, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function renderer(svg: string, options: PngOptions): Resvg {
  const fonts = bundledFontFiles();
  const base = {
    font: {
      fontFiles: [fonts.regular, fonts.bold],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
      serifFamily: CHART_FONT,
      monospaceFamily: CHART_FONT,
    },
    background: "white",
    shapeRendering: 2 as const,
    textRendering: 1 as const,
  };
  let width = options.width;
  if (width !== undefined && (!Number.isInteger(width) || width <= 0 || width > 16384)) {
    throw new MfkitError("invalid-argument", `PNG width must be an integer in 1..16384, got ${width}`, [
      "width",
    ]);
  }
  if (width === undefined) {
    const natural = new Resvg(svg, { ...base, fitTo: { mode: "original" } }).width;
    width = Math.max(1, Math.round(natural * 2));
  }
  return new Resvg(svg, { ...base, fitTo: { mode: "width", value: width } });
}

/**
 * Renders an SVG document to PNG bytes (starting with the PNG signature), on a white background,
 * with every font family resolved to the bundled DejaVu Sans. A width that is not a positive
 * integer ≤ 16384 throws `MfkitError("invalid-argument")` at `["width"]`.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return new Uint8Array(renderer(svg, options).render().asPng());
}

/** Like {@link svgToPng} but returns the raw RGBA pixels (for checks and further processing). */
export function svgToRgba(svg: string, options: PngOptions = {}): RgbaImage {
  const image = renderer(svg, options).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/**
 * Writing a chart to a file whose extension chooses the format: `.svg` (vector), `.png` (raster,
 * via {@link svgToPng}) or `.json` (the vega-lite spec itself, to edit or render elsewhere).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { MfkitError } from "@mfkit/core";
import { renderSvg } from "./render-svg.js";
import type { VegaLiteSpec } from "./spec.js";
import { type PngOptions, svgToPng } from "./svg-to-png.js";

/** The file extensions {@link writeChart} understands. */
export const CHART_EXTENSIONS = [".svg", ".png", ".json"] as const;

/**
 * Renders `spec` according to the extension of `file` (case-insensitive) and writes it, creating
 * missing folders. Any other extension throws `MfkitError("invalid-argument")` at `["file"]`
 * before anything is written.
 */
export async function writeChart(file: string, spec: VegaLiteSpec, options: PngOptions = {}): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (!(CHART_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new MfkitError(
      "invalid-argument",
      `cannot write a chart to "${file}": the extension must be one of ${CHART_EXTENSIONS.join(", ")}`,
      ["file"],
      { file, extension: ext },
    );
  }
  let content: string | Uint8Array;
  if (ext === ".json") content = `${JSON.stringify(spec, null, 2)}\n`;
  else {
    const svg = await renderSvg(spec);
    content = ext === ".svg" ? svg : svgToPng(svg, options);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
}

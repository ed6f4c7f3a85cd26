import { captureMfkitError } from "@mfkit/core";
import { describe, expect, it } from "vitest";
import { svgToPng, svgToRgba } from "./svg-to-png.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which always follows the 8-byte signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Number of pixels clearly darker than the white background. */
function inkPixels(pixels: Uint8Array): number {
  let ink = 0;
  for (let p = 0; p < pixels.length; p += 4) if (pixels[p] + pixels[p + 1] + pixels[p + 2] < 3 * 128) ink++;
  return ink;
}

const textSvg = (family: string, text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="${family}" font-size="20">${text}</text></svg>`;

describe("svgToPng", () => {
  it("writes a PNG at the requested width, keeping the aspect ratio", () => {
    const png = svgToPng(textSvg("DejaVu Sans", "hello"), { width: 500 });
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 500, height: 100 });
  });

  it("defaults to twice the SVG width", () => {
    expect(pngSize(svgToPng(textSvg("DejaVu Sans", "x")))).toEqual({ width: 400, height: 80 });
  });

  it("draws text with the bundled font, also for a family the machine lacks", () => {
    const blank = svgToRgba(textSvg("DejaVu Sans", ""), { width: 200 });
    expect(inkPixels(blank.pixels)).toBe(0);
    for (const family of ["DejaVu Sans", "sans-serif", "Helvetica Neue, Arial"]) {
      const image = svgToRgba(textSvg(family, "Mean-field limit"), { width: 200 });
      expect(image.width).toBe(200);
      expect(inkPixels(image.pixels)).toBeGreaterThan(150);
    }
  });

  it("rejects a width that is not a positive integer", () => {
    for (const width of [0, -5, 1.5, Number.NaN]) {
      expect(captureMfkitError(() => svgToPng(textSvg("DejaVu Sans", "x"), { width })).code).toBe(
        "invalid-argument",
      );
    }
  });
});

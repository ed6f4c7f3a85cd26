/**
 * The bundled font: DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` npm package
 * (Bitstream Vera licence with DejaVu changes in the public domain), so that PNG rendering never
 * depends on the fonts installed on a machine.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Absolute paths of the TTF files loaded by the PNG renderer. */
export function bundledFontFiles(): { regular: string; bold: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("dejavu-fonts-ttf/package.json"));
  return { regular: join(root, "ttf", "DejaVuSans.ttf"), bold: join(root, "ttf", "DejaVuSans-Bold.ttf") };
}

/**
 * Exact text widths for vega's layout. Headless vega has no canvas to measure text and falls back
 * to a crude estimate (0.8 em per character), which leaves legends and axis titles badly spaced.
 * Here the advance widths of the bundled DejaVu Sans (regular and bold) are read from the TTF
 * tables (`cmap` → glyph, `hmtx` → advance, `head` → units per em), and vega's `textMetrics.width`
 * is set to Σ advance(c) · fontSize / unitsPerEm, the width resvg will draw (kerning aside).
 */
import { readFileSync } from "node:fs";
import * as vega from "vega";
import { bundledFontFiles } from "./font.js";

/** Advance widths of one font in em, indexed by code point (BMP, plus a map beyond it). */
export interface AdvanceTable {
  /** Advance in em of each BMP code point; the `.notdef` advance where the font has no glyph. */
  bmp: Float32Array;
  /** Advances in em of mapped code points beyond U+FFFF. */
  astral: Map<number, number>;
}

/** Reads the advance-width table of a TrueType/OpenType font file (cmap format 4 or 12). */
export function readAdvanceTable(bytes: Uint8Array): AdvanceTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let t = 0; t < numTables; t++) {
    const record = 12 + 16 * t;
    const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
    tables.set(tag, view.getUint32(record + 8));
  }
  const at = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(at("head") + 18);
  const numberOfHMetrics = view.getUint16(at("hhea") + 34);
  const hmtx = at("hmtx");
  const advanceOfGlyph = (glyph: number): number =>
    view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1)) / unitsPerEm;

  const notdef = advanceOfGlyph(0);
  const bmp = new Float32Array(0x10000).fill(notdef);
  const astral = new Map<number, number>();
  const cmap = at("cmap");
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let s = 0; s < view.getUint16(cmap + 2); s++) {
    const record = cmap + 4 + 8 * s;
    subtables.push({
      platform: view.getUint16(record),
      encoding: view.getUint16(record + 2),
      offset: cmap + view.getUint32(record + 4),
    });
  }
  const unicode = subtables.filter(
    (s) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10)),
  );
  const format12 = unicode.find((s) => view.getUint16(s.offset) === 12);
  const format4 = unicode.find((s) => view.getUint16(s.offset) === 4);
  if (format12 !== undefined) {
    const groups = view.getUint32(format12.offset + 12);
    for (let g = 0; g < groups; g++) {
      const group = format12.offset + 16 + 12 * g;
      const start = view.getUint32(group);
      const end = view.getUint32(group + 4);
      const glyph = view.getUint32(group + 8);
      for (let c = start; c <= end; c++) {
        const advance = advanceOfGlyph(glyph + c - start);
        if (c < 0x10000) bmp[c] = advance;
        else astral.set(c, advance);
      }
    }
  } else if (format4 !== undefined) {
    const base = format4.offset;
    const segments = view.getUint16(base + 6) / 2;
    const ends = base + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const start = view.getUint16(starts + 2 * s);
      const end = view.getUint16(ends + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffsetAt = rangeOffsets + 2 * s;
      const rangeOffset = view.getUint16(rangeOffsetAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          glyph = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (c - start));
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) bmp[c] = advanceOfGlyph(glyph);
      }
    }
  } else {
    throw new Error("font has no Unicode cmap subtable of format 4 or 12");
  }
  return { bmp, astral };
}

/** Width in em of `text` set in the font of `table` (sum of advances, no kerning). */
export function textWidthEm(table: AdvanceTable, text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += code < 0x10000 ? table.bmp[code] : (table.astral.get(code) ?? table.bmp[0]);
  }
  return width;
}

let tables: { regular: AdvanceTable; bold: AdvanceTable } | undefined;

/** The advance tables of the bundled regular and bold DejaVu Sans, read once. */
export function bundledAdvanceTables(): { regular: AdvanceTable; bold: AdvanceTable } {
  if (tables === undefined) {
    const files = bundledFontFiles();
    tables = {
      regular: readAdvanceTable(readFileSync(files.regular)),
      bold: readAdvanceTable(readFileSync(files.bold)),
    };
  }
  return tables;
}

/** The fields of a vega text item that matter for its width. */
interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number | null;
}

function isBold(weight: TextItem["fontWeight"]): boolean {
  if (weight == null) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/**
 * The width in pixels of one line of a vega text item: the DejaVu Sans advance widths (bold for
 * weights ≥ 600) times the font size, capped at the item's `limit` (vega truncates longer text).
 */
export function measureText(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const line = text == null ? "" : String(text).trim();
  if (size <= 0 || line.length === 0) return 0;
  const { regular, bold } = bundledAdvanceTables();
  const width = textWidthEm(isBold(item.fontWeight) ? bold : regular, line) * size;
  const limit = item.limit != null ? Number(item.limit) : 0;
  return limit > 0 ? Math.min(width, limit) : width;
}

/**
 * Makes vega lay text out with {@link measureText} (process-wide: vega's `textMetrics` is a module
 * singleton; vega supports replacing its `width` for exactly this purpose). Idempotent.
 */
export function installTextMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } })
    .textMetrics;
  if (metrics.width !== measureText) metrics.width = measureText;
}

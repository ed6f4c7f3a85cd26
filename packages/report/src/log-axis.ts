/**
 * Readable logarithmic axes. Left alone, vega labels and grids every 1…9 × 10^k, which turns a
 * plot spanning several decades into a mesh. Over ≥ 2 decades we tick only the powers of ten
 * 10^⌊log₁₀ min⌋ … 10^⌈log₁₀ max⌉ (the domain a "nice" log scale extends to), labelled 10⁻³, 10⁻², …
 * from 3 decades on and as plain numbers (0.01, 0.1, 1) for exactly 2.
 */

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** "10⁻³" for k = −3. */
export function powerOfTenLabel(k: number): string {
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
}

/** Smallest and largest positive finite value among the given fields of the rows. */
export function positiveExtent(
  rows: ReadonlyArray<Record<string, unknown>>,
  fields: readonly string[],
): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const row of rows) {
    for (const field of fields) {
      const value = row[field];
      if (typeof value === "number" && Number.isFinite(value) && value > 0) {
        if (value < lo) lo = value;
        if (value > hi) hi = value;
      }
    }
  }
  return hi > 0 ? [lo, hi] : undefined;
}

/**
 * The vega-lite `axis` properties of a log axis over the data extent `[lo, hi]`: explicit decade
 * tick values (and superscript labels from 3 decades on), or nothing (vega's defaults) when the data
 * span less than two decades.
 */
export function logAxis(extent: [number, number] | undefined): Record<string, unknown> {
  if (extent === undefined) return {};
  const first = Math.floor(Math.log10(extent[0]) + 1e-9);
  const last = Math.ceil(Math.log10(extent[1]) - 1e-9);
  if (last - first < 2) return {};
  const exponents = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const values = exponents.map((k) => Number(`1e${k}`));
  if (last - first < 3) return { values, format: "~g" };
  const cases = exponents.map(
    (k) => `abs(log(datum.value) / LN10 - (${k})) < 1e-6 ? '${powerOfTenLabel(k)}' : `,
  );
  return { values, labelExpr: `${cases.join("")}datum.label` };
}

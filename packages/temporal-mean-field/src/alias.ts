/**
 * Walker's alias method for many small categorical rows at once: row r of width K is stored in
 * `threshold[r·K + j]` / `alias[r·K + j]`; a draw picks a column j = ⌊uK⌋ and keeps it when the
 * fractional part of uK is below threshold[j], else takes alias[j]. One uniform, O(1) per draw,
 * O(K) to build a row (Vose's stable two-stack construction).
 */
export class AliasRows {
  readonly threshold: Float64Array;
  readonly alias: Int32Array;
  private readonly small: Int32Array;
  private readonly large: Int32Array;
  private readonly scaled: Float64Array;

  constructor(
    readonly rows: number,
    readonly width: number,
  ) {
    this.threshold = new Float64Array(rows * width);
    this.alias = new Int32Array(rows * width);
    this.small = new Int32Array(width);
    this.large = new Int32Array(width);
    this.scaled = new Float64Array(width);
  }

  /** Builds row `row` from the (unnormalised, non-negative) weights `w[offset .. offset+width)`. */
  build(row: number, w: ArrayLike<number>, offset: number): void {
    const k = this.width;
    const base = row * k;
    let total = 0;
    for (let j = 0; j < k; j++) total += w[offset + j];
    let ns = 0;
    let nl = 0;
    for (let j = 0; j < k; j++) {
      const s = total > 0 ? (w[offset + j] * k) / total : 1;
      this.scaled[j] = s;
      this.alias[base + j] = j;
      if (s < 1) this.small[ns++] = j;
      else this.large[nl++] = j;
    }
    while (ns > 0 && nl > 0) {
      const s = this.small[--ns];
      const l = this.large[nl - 1];
      this.threshold[base + s] = this.scaled[s];
      this.alias[base + s] = l;
      this.scaled[l] = this.scaled[l] + this.scaled[s] - 1;
      if (this.scaled[l] < 1) {
        nl -= 1;
        this.small[ns++] = l;
      }
    }
    while (nl > 0) this.threshold[base + this.large[--nl]] = 1;
    while (ns > 0) this.threshold[base + this.small[--ns]] = 1;
  }

  /** A draw from row `row` given a uniform u ∈ [0, 1). */
  sample(row: number, u: number): number {
    const x = u * this.width;
    const j = x | 0;
    const idx = row * this.width + j;
    return x - j < this.threshold[idx] ? j : this.alias[idx];
  }
}

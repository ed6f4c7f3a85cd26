/**
 * Walker's alias method (Vose's stable construction) for repeated O(1) draws from a fixed finite law.
 */
import { MfkitError } from "../errors.js";
import type { RandomSource } from "../slow-fast/random-source.js";

/**
 * A table over K outcomes: column j keeps j with probability `keep[j]` and otherwise gives `alias[j]`, so that
 * P(i) = (keep[i] + Σ_{j: alias[j]=i} (1 − keep[j]))/K equals wᵢ/Σw. One uniform u draws j = ⌊uK⌋ and
 * compares the fractional part uK − j with keep[j]. Rebuilding with {@link AliasTable.build} reuses the arrays.
 */
export class AliasTable {
  readonly capacity: number;
  /** Number of outcomes of the current law. */
  size = 0;
  readonly keep: Float64Array;
  readonly alias: Int32Array;
  private readonly small: Int32Array;
  private readonly large: Int32Array;
  private readonly scaled: Float64Array;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new MfkitError("invalid-argument", `the capacity must be a positive integer, got ${capacity}`, [
        "capacity",
      ]);
    }
    this.capacity = capacity;
    this.keep = new Float64Array(capacity);
    this.alias = new Int32Array(capacity);
    this.small = new Int32Array(capacity);
    this.large = new Int32Array(capacity);
    this.scaled = new Float64Array(capacity);
  }

  /**
   * Builds the table for the law ∝ `weights[offset … offset+length−1]` (nonnegative, positive finite total).
   * Zero weights are never drawn. O(length), no allocation.
   */
  build(weights: ArrayLike<number>, offset = 0, length = weights.length - offset): this {
    if (!(Number.isInteger(length) && length >= 1 && length <= this.capacity)) {
      throw new MfkitError("invalid-argument", `the law needs 1 … ${this.capacity} outcomes, got ${length}`, [
        "weights",
      ]);
    }
    let total = 0;
    for (let i = 0; i < length; i++) {
      const w = weights[offset + i]!;
      if (!(w >= 0))
        throw new MfkitError("invalid-probability", `weight ${i} is ${w}`, ["weights", offset + i]);
      total += w;
    }
    if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
      throw new MfkitError("invalid-probability", `the weights sum to ${total}`, ["weights"]);
    }
    const { keep, alias, small, large, scaled } = this;
    let nSmall = 0;
    let nLarge = 0;
    let anyPositive = 0;
    for (let i = 0; i < length; i++) {
      const q = (weights[offset + i]! * length) / total;
      scaled[i] = q;
      if (q > 0) anyPositive = i;
      if (q < 1) small[nSmall++] = i;
      else large[nLarge++] = i;
    }
    // Pair a deficient column with a surplus outcome until one list is empty.
    while (nSmall > 0 && nLarge > 0) {
      const s = small[--nSmall]!;
      const l = large[nLarge - 1]!;
      keep[s] = scaled[s]!;
      alias[s] = l;
      const rest = scaled[l]! + scaled[s]! - 1;
      scaled[l] = rest;
      if (rest < 1) {
        nLarge--;
        small[nSmall++] = l;
      }
    }
    // What is left is 1 up to rounding; a zero-weight column must still never be kept.
    while (nLarge > 0) {
      const l = large[--nLarge]!;
      keep[l] = 1;
      alias[l] = l;
    }
    while (nSmall > 0) {
      const s = small[--nSmall]!;
      keep[s] = scaled[s]! > 0 ? 1 : 0;
      alias[s] = scaled[s]! > 0 ? s : anyPositive;
    }
    this.size = length;
    return this;
  }

  /** The outcome for one uniform u ∈ [0, 1). */
  sample(u: number): number {
    const x = u * this.size;
    let j = Math.floor(x);
    if (j >= this.size) j = this.size - 1;
    return x - j < this.keep[j]! ? j : this.alias[j]!;
  }

  /** One draw using `random.next()`. */
  draw(random: RandomSource): number {
    return this.sample(random.next());
  }
}

/** An {@link AliasTable} for the law ∝ `weights` (nonnegative, positive total). */
export function createAliasTable(weights: ArrayLike<number>): AliasTable {
  return new AliasTable(Math.max(1, weights.length)).build(weights);
}

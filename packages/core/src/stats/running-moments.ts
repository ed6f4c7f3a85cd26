/**
 * Streaming mean and variance of vectors (Welford's update, Chan et al.'s merge).
 */
import { MfkitError } from "../errors.js";

/**
 * Componentwise running moments of a stream of vectors x₁, x₂, … ∈ ℝ^dim. After n pushes,
 * mean = (1/n) Σ x_k and M2 = Σ (x_k − mean)², updated by Welford's recurrence
 *   δ = x − mean_{n−1},  mean_n = mean_{n−1} + δ/n,  M2_n = M2_{n−1} + δ (x − mean_n),
 * which avoids the cancellation of Σx² − n·mean². The recurrence runs on x − x₁ (x₁ the first observation),
 * so the running mean is rounded relative to the spread, not to the magnitude: values ≈ 10⁹ with a spread of
 * 10⁻³ keep their digits.
 */
export class RunningMoments {
  readonly dim: number;
  private n = 0;
  /** The first observation, subtracted from every later one. */
  private readonly shift: Float64Array;
  /** Mean of x − shift. */
  private readonly m1: Float64Array;
  private readonly m2: Float64Array;

  constructor(dim: number) {
    if (!(Number.isInteger(dim) && dim >= 0)) {
      throw new MfkitError("invalid-argument", `the dimension must be an integer ≥ 0, got ${dim}`, ["dim"]);
    }
    this.dim = dim;
    this.shift = new Float64Array(dim);
    this.m1 = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  /** Number of vectors pushed. */
  get count(): number {
    return this.n;
  }

  /** Adds one observation (length `dim`, finite entries). O(dim), no allocation. */
  push(x: ArrayLike<number>): void {
    const { dim, shift, m1, m2 } = this;
    if (x.length !== dim) {
      throw new MfkitError("invalid-shape", `expected a vector of length ${dim}, got ${x.length}`, ["x"]);
    }
    for (let c = 0; c < dim; c++) {
      if (!Number.isFinite(x[c]!)) throw new MfkitError("non-finite", `component ${c} is ${x[c]}`, ["x", c]);
    }
    if (this.n === 0) for (let c = 0; c < dim; c++) shift[c] = x[c]!;
    const n = this.n + 1;
    const inv = 1 / n;
    for (let c = 0; c < dim; c++) {
      const v = x[c]! - shift[c]!;
      const delta = v - m1[c]!;
      const mean = m1[c]! + delta * inv;
      m1[c] = mean;
      m2[c]! += delta * (v - mean);
    }
    this.n = n;
  }

  /**
   * Merges another accumulator into this one (Chan, Golub & LeVeque): with δ = mean_B − mean_A,
   * mean = mean_A + δ n_B/n, M2 = M2_A + M2_B + δ² n_A n_B/n. Equal, up to rounding, to pushing B's data here.
   */
  merge(other: RunningMoments): void {
    if (other.dim !== this.dim) {
      throw new MfkitError("invalid-shape", `cannot merge dimension ${other.dim} into ${this.dim}`, [
        "other",
      ]);
    }
    const nb = other.n;
    if (nb === 0) return;
    const na = this.n;
    if (na === 0) {
      this.shift.set(other.shift);
      this.m1.set(other.m1);
      this.m2.set(other.m2);
      this.n = nb;
      return;
    }
    const n = na + nb;
    for (let c = 0; c < this.dim; c++) {
      const delta = other.m1[c]! + (other.shift[c]! - this.shift[c]!) - this.m1[c]!;
      this.m1[c]! += (delta * nb) / n;
      this.m2[c]! += other.m2[c]! + ((delta * delta * na) / n) * nb;
    }
    this.n = n;
  }

  /** The componentwise mean (throws when nothing was pushed). */
  mean(out: Float64Array = new Float64Array(this.dim)): Float64Array {
    if (this.n === 0) throw new MfkitError("invalid-argument", "the mean of no observation is undefined", []);
    for (let c = 0; c < this.dim; c++) out[c] = this.shift[c]! + this.m1[c]!;
    return out;
  }

  /** The componentwise unbiased variance M2/(n − 1) (throws with fewer than 2 observations). */
  variance(out: Float64Array = new Float64Array(this.dim)): Float64Array {
    if (this.n < 2) {
      throw new MfkitError("invalid-argument", `the variance needs ≥ 2 observations, got ${this.n}`, []);
    }
    const inv = 1 / (this.n - 1);
    for (let c = 0; c < this.dim; c++) out[c] = this.m2[c]! * inv;
    return out;
  }

  /** The componentwise unbiased standard deviation √(M2/(n − 1)). */
  std(out: Float64Array = new Float64Array(this.dim)): Float64Array {
    this.variance(out);
    for (let c = 0; c < this.dim; c++) out[c] = Math.sqrt(out[c]!);
    return out;
  }
}

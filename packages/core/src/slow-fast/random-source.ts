/**
 * The minimal source of randomness the engine needs: uniform doubles in [0, 1).
 * `@mfkit/core`'s seeded streams implement it; tests may pass any object with `next()`.
 */
export interface RandomSource {
  /** A uniform double in [0, 1). */
  next(): number;
}

/**
 * xoshiro128** (Blackman & Vigna, 2018): a 128-bit xor/shift/rotate linear generator over GF(2) with a
 * multiplicative output scrambler; period 2¹²⁸ − 1, 32-bit outputs, equidistributed in 4 dimensions.
 * Implemented on 32-bit integers (Math.imul, >>>), so it needs no BigInt on the hot path.
 */
import { MfkitError } from "../errors.js";
import type { RandomSource } from "../slow-fast/random-source.js";

/** A seeded stream of random numbers. */
export interface RandomStream extends RandomSource {
  /** A uniform double in [0, 1) with 53 random bits (k·2⁻⁵³, k uniform in 0 … 2⁵³ − 1). Uses two 32-bit words. */
  next(): number;
  /** A uniform integer in 0 … 2³² − 1. */
  nextUint32(): number;
  /** A uniform integer in 0 … n − 1, without modulo bias (rejection), for an integer 1 ≤ n ≤ 2⁵³. */
  nextInt(n: number): number;
  /** A standard normal variate N(0, 1) (Marsaglia's polar method; the second variate of a pair is kept). */
  nextNormal(): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_MINUS_53 = 1 / TWO_POW_53;

/**
 * Coefficients of the jump polynomial x^(2⁶⁴) mod the characteristic polynomial of the xoshiro128 linear
 * engine, as published with the generator; checked in the tests against the 2⁶⁴-th power of the engine's
 * 128×128 transition matrix over GF(2).
 */
const JUMP_64 = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

/** The xoshiro128** generator with the {@link RandomStream} methods. */
export class Xoshiro128StarStar implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /** Starts from the four 32-bit state words (not all zero). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) {
      throw new MfkitError("invalid-argument", "the xoshiro128** state must not be all zero", ["state"]);
    }
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 ^= s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) * TWO_POW_MINUS_53;
  }

  nextInt(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_53 && Number.isInteger(n))) {
      throw new MfkitError("invalid-argument", `nextInt needs an integer bound in 1 … 2^53, got ${n}`, ["n"]);
    }
    if (n <= TWO_POW_32) {
      // Accept r < 2³² − (2³² mod n): the accepted range is a multiple of n, so r mod n is uniform.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let r = this.nextUint32();
      while (r >= limit) r = this.nextUint32();
      return r % n;
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let r = this.next() * TWO_POW_53;
    while (r >= limit) r = this.next() * TWO_POW_53;
    return r % n;
  }

  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // Uniform point in the unit disc (acceptance π/4), then (u, v)·√(−2 ln s / s) are two independent N(0, 1).
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /**
   * Advances the stream by 2⁶⁴ outputs of {@link nextUint32} in O(128) steps: the 2⁶⁴-long blocks that
   * successive jumps start are disjoint substreams. Discards any kept normal variate.
   */
  jump(): void {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP_64) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.hasSpare = false;
  }

  /** The four state words (for checkpoints and tests). */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

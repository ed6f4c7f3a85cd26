/**
 * The random streams this package draws from.
 *
 * TEMPORARY STAND-IN: `@mfkit/core`'s `createRandomStream(seed, streamIndex)` was not yet available
 * when this package was written. This module provides the same minimal surface (`next`, `nextUint32`)
 * with a xoshiro128** generator seeded through a splitmix32 hash of (seed, streamIndex). Switch the body
 * of {@link createTmfStream} to core's stream once it lands; callers only see {@link TmfRandom}.
 */

/** The uniform source used by the simulators and samplers. */
export interface TmfRandom {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hashSeed(seed: number | string): number {
  if (typeof seed === "number") {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    return (lo ^ Math.imul(hi, 0x27d4eb2d)) >>> 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 − 1. */
class Xoshiro128 implements TmfRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string, streamIndex: number) {
    const state = { s: hashSeed(seed) ^ Math.imul(streamIndex + 1, 0x9e3779b1) };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A seeded, reproducible stream: the same (seed, streamIndex) gives bit-identical draws; different
 * stream indices give independent-looking streams (one per run / replicate).
 */
export function createTmfStream(seed: number | string, streamIndex = 0): TmfRandom {
  return new Xoshiro128(seed, streamIndex);
}

/**
 * A small deterministic generator for the seeded defaults of environments whose MFGLib data come
 * from torch's global RNG (random_linear's matrices, crowd_motion's bar path), which a port cannot
 * replay. xoshiro128** (Blackman & Vigna) seeded through splitmix32; doubles take 53 random bits
 * from two outputs. The same seed gives the same stream on every platform.
 */

/** A stream of uniform doubles in [0, 1). */
export interface UniformStream {
  next(): number;
}

function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The environments' seeded uniform stream (xoshiro128**, seed folded to 32 bits). */
export function environmentStream(seed: number): UniformStream {
  const init = { x: (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) | 0 };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    next() {
      const hi = next32() >>> 5; // 27 bits
      const lo = next32() >>> 6; // 26 bits
      return (hi * 67108864 + lo) / 9007199254740992;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Random streams used by this package.
 *
 * LOCAL STAND-IN for `createRandomStream` of `@mfkit/core` (being written in parallel): the same
 * interface `{ next(), nextUint32(), nextInt(n), nextNormal() }`. Switch to the core version when it lands.
 * Generator: xoshiro128** seeded through splitmix32 from (seed, streamIndex); `next()` ∈ [0, 1) with 32 bits.
 */

/** A seeded stream of uniform draws. */
export interface RandomStream {
  next(): number;
  nextUint32(): number;
  nextInt(n: number): number;
  nextNormal(): number;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

class Xoshiro128 implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(seed: number, stream: number) {
    const st = {
      s: (Math.imul(seed | 0, 0x27d4eb2d) ^ Math.imul(stream | 0, 0x165667b1) ^ (seed / 4294967296)) | 0,
    };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    const m = Math.imul(this.b, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return result;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  nextNormal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = Number.NaN;
      return v;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
}

/** A seeded random stream; different `streamIndex` values give independent streams. */
export function createRandomStream(seed: number, streamIndex = 0): RandomStream {
  return new Xoshiro128(seed, streamIndex);
}

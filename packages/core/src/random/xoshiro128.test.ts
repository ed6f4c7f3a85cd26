import { describe, expect, it } from "vitest";
import { MfkitError } from "../errors.js";
import { Xoshiro128StarStar } from "./xoshiro128.js";

/** An independent reference of xoshiro128** in BigInt arithmetic modulo 2³². */
function referenceOutputs(state: number[], count: number): number[] {
  const M = 0xffffffffn;
  const s = state.map((v) => BigInt(v >>> 0));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1]! * 5n) & M, 7n) * 9n) & M));
    const t = (s[1]! << 9n) & M;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11n);
  }
  return out;
}

/** 128×128 matrices over GF(2), stored as 128 columns of four 32-bit words. */
type Gf2Matrix = Uint32Array[];

function applyMatrix(m: Gf2Matrix, x: Uint32Array): Uint32Array {
  const y = new Uint32Array(4);
  for (let b = 0; b < 128; b++) {
    if ((x[b >>> 5]! >>> (b & 31)) & 1) for (let w = 0; w < 4; w++) y[w]! ^= m[b]![w]!;
  }
  return y;
}

/** The one-step transition matrix of the xoshiro128 engine, column b = step(e_b). */
function transitionMatrix(): Gf2Matrix {
  const columns: Gf2Matrix = [];
  for (let b = 0; b < 128; b++) {
    const e = [0, 0, 0, 0];
    e[b >>> 5] = (1 << (b & 31)) >>> 0;
    const g = new Xoshiro128StarStar(e[0]!, e[1]!, e[2]!, e[3]!);
    g.nextUint32();
    columns.push(Uint32Array.from(g.state()));
  }
  return columns;
}

describe("xoshiro128**", () => {
  it("matches the published first outputs from state (1, 2, 3, 4) and a BigInt reference", () => {
    const g = new Xoshiro128StarStar(1, 2, 3, 4);
    const first = Array.from({ length: 4 }, () => g.nextUint32());
    expect(first).toEqual([11520, 0, 5927040, 70819200]);
    for (const state of [
      [1, 2, 3, 4],
      [0xdeadbeef, 0x12345678, 0x9abcdef0, 0x0badf00d],
      [0xffffffff, 0, 0x80000000, 7],
    ]) {
      const h = new Xoshiro128StarStar(state[0]!, state[1]!, state[2]!, state[3]!);
      const ours = Array.from({ length: 2000 }, () => h.nextUint32());
      expect(ours).toEqual(referenceOutputs(state, 2000));
    }
  });

  it("next() is k·2⁻⁵³ built from the top bits of two words", () => {
    const a = new Xoshiro128StarStar(5, 6, 7, 8);
    const b = new Xoshiro128StarStar(5, 6, 7, 8);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      const hi = b.nextUint32() >>> 5;
      const lo = b.nextUint32() >>> 6;
      expect(x).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("jump() equals 2⁶⁴ steps: the transition matrix over GF(2) raised to 2⁶⁴", () => {
    let m = transitionMatrix();
    // Sanity: one application of the matrix is one step.
    const probe = new Xoshiro128StarStar(0x1234, 0x5678, 0x9abc, 0xdef0);
    const oneStep = applyMatrix(m, Uint32Array.from(probe.state()));
    probe.nextUint32();
    expect(Array.from(oneStep)).toEqual(probe.state());
    for (let k = 0; k < 64; k++) m = m.map((column) => applyMatrix(m, column)); // M ← M·M
    for (const state of [
      [1, 2, 3, 4],
      [0xcafebabe, 0x8badf00d, 0x01234567, 0x89abcdef],
    ]) {
      const g = new Xoshiro128StarStar(state[0]!, state[1]!, state[2]!, state[3]!);
      g.jump();
      expect(g.state()).toEqual(Array.from(applyMatrix(m, Uint32Array.from(state.map((v) => v >>> 0)))));
    }
  });

  it("refuses the all-zero state", () => {
    expect(() => new Xoshiro128StarStar(0, 0, 0, 0)).toThrow(MfkitError);
  });
});

/**
 * Random streams: the hand-written xoshiro128** kernel against seedrandom's generators and Math.random,
 * in draws per second, plus the sampling helpers and stream creation.
 *
 * Each measured loop is its own function literal: one loop taking the generator as a callback would turn
 * megamorphic after the first generator and penalise every later one.
 */
import seedrandom from "seedrandom";
import type { Bench } from "../../../test/bench/harness.js";
import { createAliasTable, createRandomStream, sampleIndex } from "../src/random/index.js";

const DRAWS = 100_000;

export default async (bench: Bench) => {
  const per = { unitsPerCall: DRAWS, unit: "draws" };
  const stream = createRandomStream(1, 0);
  const ours = bench.measure(
    "xoshiro128** next() (53-bit double)",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += stream.next();
      return s;
    },
    { ...per, minPerSecond: 5e7 },
  );
  bench.measure(
    "xoshiro128** nextUint32()",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += stream.nextUint32();
      return s;
    },
    per,
  );
  bench.measure(
    "xoshiro128** nextInt(7)",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += stream.nextInt(7);
      return s;
    },
    per,
  );
  bench.measure(
    "xoshiro128** nextNormal()",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += stream.nextNormal();
      return s;
    },
    per,
  );
  const arc4 = seedrandom("1");
  const arc4Row = bench.measure(
    "seedrandom ARC4 (default) double()",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += arc4.double();
      return s;
    },
    per,
  );
  const arc4Quick = seedrandom("1");
  bench.measure(
    "seedrandom ARC4 (default) prng() (32-bit double)",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += arc4Quick();
      return s;
    },
    per,
  );
  const xor128 = seedrandom.xor128("1");
  const xorRow = bench.measure(
    "seedrandom xor128 double()",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += xor128.double();
      return s;
    },
    per,
  );
  const alea = seedrandom.alea("1");
  const aleaRow = bench.measure(
    "seedrandom alea double()",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += alea.double();
      return s;
    },
    per,
  );
  bench.measure(
    "Math.random() (unseeded, reference)",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += Math.random();
      return s;
    },
    per,
  );
  const ratio = (row: { msPerCall: number }) => (row.msPerCall / ours.msPerCall).toFixed(1);
  bench.record({
    name: "speed-up of xoshiro128** next() over seedrandom",
    msPerCall: 0,
    note: `×${ratio(arc4Row)} vs ARC4, ×${ratio(xorRow)} vs xor128, ×${ratio(aleaRow)} vs alea (double())`,
  });

  const weights = Float64Array.from({ length: 8 }, (_, i) => 1 + i);
  bench.measure(
    "sampleIndex, 8 weights",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += sampleIndex(weights, 0, 8, stream.next());
      return s;
    },
    per,
  );
  const table = createAliasTable(weights);
  bench.measure(
    "alias table draw, 8 outcomes",
    () => {
      let s = 0;
      for (let i = 0; i < DRAWS; i++) s += table.draw(stream);
      return s;
    },
    per,
  );
  let k = 0;
  bench.measure("createRandomStream(seed, k) (BigInt derivation)", () => createRandomStream(1, k++), {
    unitsPerCall: 1,
    unit: "streams",
  });
};

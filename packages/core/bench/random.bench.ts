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
  // The harness measures CPU time too (throughputs and the target use it): the ratios below are CPU times.
  const nextCpu = ours.cpuMsPerCall!;
  ours.note = `wall/CPU ${(ours.msPerCall / nextCpu).toFixed(1)} (machine load)`;
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
  // seedrandom's generators: each loop its own literal (see above). BigCrush status as documented by seedrandom.
  const arc4 = seedrandom("1");
  const xor128 = seedrandom.xor128("1");
  const xor4096 = seedrandom.xor4096("1");
  const xorshift7 = seedrandom.xorshift7("1");
  const alea = seedrandom.alea("1");
  const tychei = seedrandom.tychei("1");
  const others: [string, () => number][] = [
    [
      "seedrandom ARC4 (default) double()",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += arc4.double();
        return s;
      },
    ],
    [
      "seedrandom xor128 double() (fails MatrixRank, LinearComp)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += xor128.double();
        return s;
      },
    ],
    [
      "seedrandom xor4096 double() (passes BigCrush)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += xor4096.double();
        return s;
      },
    ],
    [
      "seedrandom xorshift7 double() (passes BigCrush)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += xorshift7.double();
        return s;
      },
    ],
    [
      "seedrandom alea double() (passes BigCrush)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += alea.double();
        return s;
      },
    ],
    [
      "seedrandom tychei double() (passes BigCrush)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += tychei.double();
        return s;
      },
    ],
    [
      "Math.random() (unseeded, reference)",
      () => {
        let s = 0;
        for (let i = 0; i < DRAWS; i++) s += Math.random();
        return s;
      },
    ],
  ];
  const ratios: string[] = [];
  for (const [name, loop] of others) {
    const row = bench.measure(name, loop, per);
    const cpu = row.cpuMsPerCall!;
    const label = name.startsWith("seedrandom") ? name.split(" ")[1] : name.split(" ")[0];
    ratios.push(`${label} ×${(cpu / nextCpu).toFixed(1)}`);
  }
  bench.record({
    name: "CPU-time speed-up of xoshiro128** next() over:",
    msPerCall: 0,
    note: ratios.join(", "),
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

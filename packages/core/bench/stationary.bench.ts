/**
 * Stationary solves: GTH at small n, GTH vs warm-started GMRES around the switch-over, n = 1000 cold and warm,
 * and ml-matrix's LU on the replaced-row system as the library alternative.
 */
import type { Bench, BenchRow } from "../../../test/bench/harness.js";
import { createStationarySolver } from "../src/stationary/index.js";
import {
  luReplacedRowStationary,
  normaliseRows,
  randomIrreducibleKernel,
  stationarityResidual,
  twoBlockChain,
} from "../src/stationary/test-chains.js";

/** A nearby kernel: every entry scaled by 1 + 1e-4·sin(index), rows renormalised (an ODE step's change). */
function perturbed(kernel: Float64Array, n: number, amount: number): Float64Array {
  return normaliseRows(
    Float64Array.from(kernel, (v, idx) => v * (1 + amount * Math.sin(idx))),
    n,
  );
}

/** The wall/CPU ratio of a measured row: how loaded the machine was (targets are judged on CPU time). */
function loadNote(row: BenchRow): string {
  return `wall/CPU ${(row.msPerCall / row.cpuMsPerCall!).toFixed(1)} (machine load)`;
}

export default async (bench: Bench) => {
  // Accuracy on nearly decomposable chains (two blocks coupled by δ, closed-form law): max relative error.
  for (const delta of [1e-8, 1e-12, 1e-15]) {
    const { kernel, n, law } = twoBlockChain(delta, 3 * delta);
    const gth = createStationarySolver(n, { method: "gth" }).solve(kernel, new Float64Array(n));
    const lu = luReplacedRowStationary(kernel, n);
    const relErr = (v: Float64Array) => Math.max(...Array.from(v, (x, i) => Math.abs(x - law[i]!) / law[i]!));
    bench.record({
      name: `accuracy, 2 blocks coupled by ${delta.toExponential(0)}`,
      msPerCall: 0,
      note: `max rel. error: GTH ${relErr(gth).toExponential(1)}, ml-matrix LU ${relErr(lu).toExponential(1)}`,
    });
  }
  for (const n of [4, 10]) {
    const kernel = randomIrreducibleKernel(n, n, 1);
    const solver = createStationarySolver(n);
    const out = new Float64Array(n);
    const checked = bench.measure(`GTH n=${n} (checked solve)`, () => solver.solve(kernel, out), {
      maxMsPerCall: n === 10 ? 0.002 : undefined,
    });
    checked.note = loadNote(checked);
    bench.measure(`GTH n=${n} (solveUnchecked)`, () => solver.solveUnchecked(kernel, out));
    bench.measure(`ml-matrix LU, replaced row, n=${n}`, () => luReplacedRowStationary(kernel, n));
  }

  // Switch-over: GTH against GMRES warm-started from the previous answer of a nearby kernel.
  for (const n of [50, 100, 200, 300]) {
    const kernel = randomIrreducibleKernel(n, 100 + n, 1);
    const next = perturbed(kernel, n, 1e-4);
    const gth = createStationarySolver(n, { method: "gth" });
    const iterative = createStationarySolver(n, { method: "iterative" });
    const out = new Float64Array(n);
    const previous = gth.solve(kernel, new Float64Array(n));
    bench.measure(`GTH n=${n}`, () => gth.solveUnchecked(next, out));
    bench.measure(`GMRES n=${n}, cold (uniform start)`, () => iterative.solveUnchecked(next, out));
    bench.measure(
      `GMRES n=${n}, warm (previous answer)`,
      () => iterative.solveUnchecked(next, out, previous),
      {
        note: `${iterative.lastSolve.matvecs} products`,
      },
    );
    const sparse = randomIrreducibleKernel(n, 200 + n, 0.05);
    bench.measure(`GTH n=${n}, 5% dense`, () => gth.solveUnchecked(sparse, out));
    bench.measure(`GMRES n=${n}, 5% dense, cold`, () => iterative.solveUnchecked(sparse, out), {
      note: `${iterative.lastSolve.matvecs} products`,
    });
  }

  const n = 1000;
  const kernel = randomIrreducibleKernel(n, 1000, 1);
  // Machine baseline: one plain dense vector–kernel product (10⁶ multiply-adds), to read the rows below in units
  // of kernel products whatever the load of the machine.
  const xs = new Float64Array(n).fill(1 / n);
  const ys = new Float64Array(n);
  bench.measure("baseline: plain x·K product, n=1000", () => {
    ys.fill(0);
    for (let i = 0; i < n; i++) {
      const a = xs[i];
      const row = i * n;
      for (let j = 0; j < n; j++) ys[j] += a * kernel[row + j];
    }
    return ys;
  });
  const next = perturbed(kernel, n, 1e-4);
  const auto = createStationarySolver(n);
  const out = new Float64Array(n);
  const previous = auto.solve(kernel, new Float64Array(n));
  const cold = bench.measure("auto n=1000 dense, cold", () => auto.solveUnchecked(next, out), {
    maxMsPerCall: 15,
    minTimeMs: 1000,
  });
  cold.note = `${auto.lastSolve.method}, ${auto.lastSolve.matvecs} products, residual ${stationarityResidual(next, n, out).toExponential(1)}; ${loadNote(cold)}`;
  // Warm starts: the previous answer, for kernels perturbed by relative amounts δ (an ODE step usually moves
  // a kernel by far less than 1e-4).
  for (const delta of [1e-4, 1e-6, 1e-8]) {
    const moved = perturbed(kernel, n, delta);
    const warm = bench.measure(
      `auto n=1000 dense, warm (previous answer, δ = ${delta.toExponential(0)})`,
      () => auto.solveUnchecked(moved, out, previous),
      { minTimeMs: 1000 },
    );
    warm.note = `${auto.lastSolve.method}, ${auto.lastSolve.matvecs} products; ${loadNote(warm)}`;
  }
  bench.measure("auto n=1000 dense, checked solve, warm", () => auto.solve(next, out, previous));
  const gth = createStationarySolver(n, { method: "gth" });
  bench.measure("GTH n=1000 dense", () => gth.solveUnchecked(next, out), { minTimeMs: 1, warmupMs: 1 });
  bench.measure("ml-matrix LU, replaced row, n=1000", () => luReplacedRowStationary(next, n), {
    minTimeMs: 1,
    warmupMs: 1,
  });
};

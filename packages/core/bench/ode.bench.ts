/**
 * ODE solver benchmarks: dopri5 on a 16-dimensional linear system over [0, 1000] at 1e-10 (the
 * performance target: a ~1 µs right-hand side with 100 output times in ≤ 10 ms), the solver's own
 * overhead per step with a nearly free right-hand side, RODAS4 on Van der Pol μ = 1000, rk4 throughput.
 */
import type { Bench } from "../../../test/bench/harness.js";
import { blackhole } from "../../../test/bench/harness.js";
import { type OdeRhs, solveOde } from "../src/ode/index.js";

const N = 16;

/** Deterministic uniform(−1, 1) numbers (LCG), so every run benchmarks the same system. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/** A = −(BᵀB/16 + 0.05·I) + skew part: a stable, non-normal, oscillating 16×16 system. */
function stableMatrix(): Float64Array {
  const r = lcg(42);
  const B = Array.from({ length: N * N }, r);
  const C = Array.from({ length: N * N }, r);
  const A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += B[k * N + i] * B[k * N + j];
      A[i * N + j] = -s / N - (i === j ? 0.05 : 0) + 0.25 * (C[i * N + j] - C[j * N + i]);
    }
  }
  return A;
}

export default async (bench: Bench) => {
  const A = stableMatrix();
  const dense: OdeRhs = (_t, y, d) => {
    for (let i = 0; i < N; i++) {
      let s = 0;
      const row = i * N;
      for (let j = 0; j < N; j++) s += A[row + j] * y[j];
      d[i] = s;
    }
  };
  const rates = Float64Array.from({ length: N }, (_, i) => 0.01 + 0.1 * i);
  const cheap: OdeRhs = (_t, y, d) => {
    for (let i = 0; i < N; i++) d[i] = -rates[i] * y[i];
  };
  const y0 = Array.from({ length: N }, (_, i) => Math.cos(i));
  const evalTimes = Array.from({ length: 100 }, (_, i) => (1000 * (i + 1)) / 100);
  const tight = { rtol: 1e-10, atol: 1e-10, evalTimes };

  // The right-hand side alone.
  const yy = Float64Array.from(y0);
  const dd = new Float64Array(N);
  const rhsRow = bench.measure("16-dim dense linear RHS, one call", () => dense(0, yy, dd), {
    unitsPerCall: 1,
    unit: "calls",
  });

  // The target problem.
  const ref = solveOde(dense, [0, 1000], y0, tight);
  const solveRow = bench.measure(
    "dopri5 16-dim linear, [0,1000], tol 1e-10, 100 evalTimes",
    () => blackhole(solveOde(dense, [0, 1000], y0, tight)),
    {
      maxMsPerCall: 10,
      note: `${ref.status}, ${ref.stats.steps} steps, ${ref.stats.rhsEvals} rhsEvals`,
    },
  );
  // CPU times as measured by the rows above (the target is judged on them).
  const rhsCpuMs = rhsRow.cpuMsPerCall!;
  const solveCpuMs = solveRow.cpuMsPerCall!;
  const overheadPerStepUs = ((solveCpuMs - rhsCpuMs * ref.stats.rhsEvals) / ref.stats.steps) * 1000;
  const projected = ref.stats.rhsEvals * 1e-3 + (overheadPerStepUs * ref.stats.steps) / 1000;
  bench.record({
    name: "  projected with a 1 µs/call RHS (rhsEvals·1µs + overhead)",
    msPerCall: projected,
    target: { text: "≤ 10 ms", met: projected <= 10 },
    note: `solver overhead ${overheadPerStepUs.toFixed(2)} µs/step (CPU), ${ref.stats.rhsEvals} rhsEvals; RHS ${(rhsCpuMs * 1000).toFixed(3)} µs/call CPU; wall/CPU ${(solveRow.msPerCall / solveCpuMs).toFixed(1)} (machine load)`,
  });

  // Solver overhead with a nearly free right-hand side.
  const cheapRef = solveOde(cheap, [0, 1000], y0, tight);
  const cheapRow = bench.measure(
    "dopri5 overhead: 16-dim diagonal RHS, [0,1000], tol 1e-10",
    () => blackhole(solveOde(cheap, [0, 1000], y0, tight)),
    {
      unitsPerCall: cheapRef.stats.steps,
      unit: "steps",
    },
  );
  const cheapCpuUs = (cheapRow.cpuMsPerCall! / cheapRef.stats.steps) * 1000;
  cheapRow.note = `${cheapRef.stats.steps} steps, ${cheapRef.stats.rhsEvals} rhsEvals; ${cheapCpuUs.toFixed(2)} µs CPU/step`;

  // Van der Pol, μ = 1000, stiff.
  const mu = 1000;
  const vdp: OdeRhs = (_t, y, d) => {
    d[0] = y[1];
    d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
  };
  for (const [label, opts] of [
    ["rtol=atol=1e-8", { rtol: 1e-8, atol: 1e-8 }],
    ["defaults (rtol 1e-9, atol 1e-10)", {}],
  ] as const) {
    const o = { method: "rosenbrock" as const, autonomous: true, ...opts };
    const r = solveOde(vdp, [0, 3000], [2, 0], o);
    bench.measure(
      `rosenbrock Van der Pol μ=1000 [0,3000], ${label}`,
      () => blackhole(solveOde(vdp, [0, 3000], [2, 0], o)),
      {
        unitsPerCall: r.stats.steps,
        unit: "steps",
        note: `${r.status}, ${r.stats.steps} steps (${r.stats.rejected} rejected), ${r.stats.rhsEvals} rhsEvals`,
      },
    );
  }

  // rk4 throughput.
  const rk4Steps = 100_000;
  bench.measure(
    "rk4 16-dim diagonal RHS, 1e5 steps",
    () => blackhole(solveOde(cheap, [0, 100], y0, { method: "rk4", step: 100 / rk4Steps, evalTimes: [100] })),
    { unitsPerCall: rk4Steps, unit: "steps", minTimeMs: 1000 },
  );
};

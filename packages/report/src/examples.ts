/**
 * Deterministic example data for every chart type, built from closed forms (no random numbers):
 * the gallery in the docs, the tests and the benchmarks all draw these, and a plugin author can
 * start from them.
 */
import type { BandSeries, LineSeries } from "./spec.js";

/**
 * A comparison input with `panels` learners: per panel, a damped oscillation
 * y(t) = ½ + 0.4·e^{−t/(k+1)}·cos t on t ∈ [0, 10] (the "limit") and a band of half-width
 * 0.05 around a wobbling "simulation mean", each sampled at `n` points.
 */
export function exampleComparison(n = 400, panels = 4): { lines: LineSeries[]; bands: BandSeries[] } {
  const lines: LineSeries[] = [];
  const bands: BandSeries[] = [];
  for (let k = 0; k < panels; k++) {
    const panel = `learner ${k + 1}`;
    const x = Float64Array.from({ length: n }, (_, i) => (10 * i) / Math.max(1, n - 1));
    const y = x.map((t) => 0.5 + 0.4 * Math.exp(-t / (k + 1)) * Math.cos(t));
    const mean = y.map((v, i) => v + 0.025 * Math.sin((40 * i) / n + k));
    lines.push({ name: "mean-field ODE", x, y, panel });
    bands.push({
      name: "simulation N=100 (95% CI)",
      x,
      mean,
      lower: mean.map((v) => v - 0.05),
      upper: mean.map((v) => v + 0.05),
      panel,
    });
  }
  return { lines, bands };
}

/** Exploitability-like curves over `n` iterations: c/√k and c/k, both spanning several decades. */
export function exampleCurves(n = 10_000): LineSeries[] {
  const k = Float64Array.from({ length: n }, (_, i) => i + 1);
  return [
    { name: "fictitious play", x: k, y: k.map((i) => (1 + 0.2 * Math.sin(i / 30)) / Math.sqrt(i)) },
    { name: "online mirror descent", x: k, y: k.map((i) => 2 / i) },
  ];
}

/** An error-vs-N series with ±22% intervals following 0.9/√N exactly, with its slope −½. */
export function exampleScaling() {
  const Ns = [10, 20, 50, 100, 200, 500, 1000, 2000];
  return [
    {
      series: "sup-norm error",
      x: Ns,
      y: Ns.map((N) => 0.9 / Math.sqrt(N)),
      lower: Ns.map((N) => 0.7 / Math.sqrt(N)),
      upper: Ns.map((N) => 1.1 / Math.sqrt(N)),
      fittedSlope: -0.5,
    },
    {
      series: "mean error",
      x: Ns,
      y: Ns.map((N) => 2 / N),
      lower: Ns.map((N) => 1.5 / N),
      upper: Ns.map((N) => 2.5 / N),
      fittedSlope: -1,
    },
  ];
}

/**
 * Replicator dynamics of matching pennies on [0, 1]²: ẋ = x(1−x)(2y−1), ẏ = y(1−y)(1−2x), the
 * field on a `grid`×`grid` lattice and two closed orbits around (½, ½) traced with RK4.
 */
export function examplePhasePortrait(grid = 15) {
  const u = (x: number, y: number) => x * (1 - x) * (2 * y - 1);
  const v = (x: number, y: number) => y * (1 - y) * (1 - 2 * x);
  const field = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const [x, y] = [i / (grid - 1), j / (grid - 1)];
      field.x.push(x);
      field.y.push(y);
      field.u.push(u(x, y));
      field.v.push(v(x, y));
    }
  }
  const orbit = (x0: number) => {
    const xs = [x0];
    const ys = [0.5];
    let [x, y] = [x0, 0.5];
    const h = 0.05;
    for (let step = 0; step < 800; step++) {
      const [a1, b1] = [u(x, y), v(x, y)];
      const [a2, b2] = [u(x + (h / 2) * a1, y + (h / 2) * b1), v(x + (h / 2) * a1, y + (h / 2) * b1)];
      const [a3, b3] = [u(x + (h / 2) * a2, y + (h / 2) * b2), v(x + (h / 2) * a2, y + (h / 2) * b2)];
      const [a4, b4] = [u(x + h * a3, y + h * b3), v(x + h * a3, y + h * b3)];
      x += (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
      y += (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
      xs.push(x);
      ys.push(y);
    }
    return { name: `from (${x0}, 0.5)`, x: xs, y: ys };
  };
  return { field, trajectories: [orbit(0.2), orbit(0.35)] };
}

/**
 * Rendering cost of the main plot: a 4-panel comparison chart (ODE line + simulation band with
 * mean per panel) at 400 points per series and at 1e5 points per series (decimated to ≤ 2000),
 * split into building the spec, vega → SVG, and resvg → PNG (default 2× width).
 */
import type { Bench } from "../../../test/bench/harness.js";
import { comparisonChart } from "../src/comparison-chart.js";
import { exampleComparison } from "../src/examples.js";
import { renderSvg } from "../src/render-svg.js";
import { svgToPng } from "../src/svg-to-png.js";

/**
 * Mean wall time and mean CPU time (user + system) in ms of an async call, after one warm-up call.
 * On a shared machine the CPU time is the steadier figure.
 */
async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<{ wall: number; cpu: number }> {
  await fn();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < runs; r++) await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - start) / runs, cpu: (cpu.user + cpu.system) / 1000 / runs };
}

export default async (bench: Bench) => {
  for (const n of [400, 100_000]) {
    const input = exampleComparison(n, 4);
    const label = `4-panel comparison, ${n} points/series`;
    bench.measure(`${label}: build spec`, () => comparisonChart(input), { minTimeMs: 300 });
    const spec = comparisonChart(input, { title: "Cooperation rate", xLabel: "t", yLabel: "P(C)" });
    const svgMs = await timeAsync(() => renderSvg(spec), 5);
    bench.record({
      name: `${label}: renderSvg`,
      msPerCall: svgMs.wall,
      target: { text: "≤ 1000 ms", met: svgMs.wall <= 1000 },
      note: `CPU ${svgMs.cpu.toFixed(0)} ms/call`,
    });
    const svg = await renderSvg(spec);
    bench.measure(`${label}: svgToPng (2× width)`, () => svgToPng(svg), {
      minTimeMs: 500,
      maxMsPerCall: 1000,
    });
  }
};

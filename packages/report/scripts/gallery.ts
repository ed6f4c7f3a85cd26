/**
 * Renders the example of every chart type to `packages/report/gallery/` as PNG (biome lints SVG
 * files, and vega's SVG carries ARIA roles it rejects, so none are committed), the
 * pictures shown in docs/plots.md. Run: `node --conditions=source --import tsx packages/report/scripts/gallery.ts`.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  comparisonChart,
  curveChart,
  exampleComparison,
  exampleCurves,
  examplePhasePortrait,
  exampleScaling,
  phasePortrait,
  scalingChart,
  type VegaLiteSpec,
  writeChart,
} from "@mfkit/report";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "gallery");
const phase = examplePhasePortrait();
const charts: Record<string, VegaLiteSpec> = {
  comparison: comparisonChart(exampleComparison(), {
    title: "Cooperation rate: finite system against its mean-field limit",
    xLabel: "time t",
    yLabel: "P(cooperate)",
  }),
  curves: curveChart(exampleCurves(), {
    title: "Exploitability",
    xLabel: "iteration",
    yLabel: "exploitability",
    logX: true,
    logY: true,
  }),
  scaling: scalingChart(exampleScaling(), {
    title: "Finite-N error against population size",
    xLabel: "population size N",
    yLabel: "error",
  }),
  phase: phasePortrait(phase.field, phase.trajectories, {
    title: "Replicator dynamics, matching pennies",
    xLabel: "P(heads), player 1",
    yLabel: "P(heads), player 2",
    xDomain: [0, 1],
    yDomain: [0, 1],
  }),
};
for (const [name, spec] of Object.entries(charts)) {
  await writeChart(join(out, `${name}.png`), spec, { width: 1200 });
  console.log(`wrote ${join(out, name)}.png`);
}

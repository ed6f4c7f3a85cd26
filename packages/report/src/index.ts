/**
 * @mfkit/report — plots shared by every mfkit plugin: builders that turn series into vega-lite
 * specs (plain JSON, editable), and renderers to SVG (vega, headless) and PNG (resvg, bundled font).
 */
export { comparisonChart } from "./comparison-chart.js";
export { curveChart } from "./curve-chart.js";
export { DEFAULT_MAX_POINTS, decimationIndices } from "./decimate.js";
export { exampleComparison, exampleCurves, examplePhasePortrait, exampleScaling } from "./examples.js";
export { bundledFontFiles } from "./font.js";
export { chartNotes } from "./frame.js";
export {
  type PhasePortraitOptions,
  phasePortrait,
  type Trajectory,
  type VectorField,
} from "./phase-portrait.js";
export { type CompiledChart, compileChart, renderSvg } from "./render-svg.js";
export { powerLawIntercept, type ScalingSeries, scalingChart, scalingLabel } from "./scaling-chart.js";
export type { BandSeries, ChartOptions, LineSeries, VegaLiteSpec } from "./spec.js";
export { type PngOptions, type RgbaImage, svgToPng, svgToRgba } from "./svg-to-png.js";
export { installTextMetrics, measureText } from "./text-metrics.js";
export { assignColors, BAND_OPACITY, CHART_FONT, CHART_FONT_STACK, chartConfig, PALETTE } from "./theme.js";
export { CHART_EXTENSIONS, writeChart } from "./write-chart.js";

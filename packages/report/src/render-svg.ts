/**
 * Rendering a vega-lite spec to SVG, headless: vega-lite compiles it to a vega spec, a vega `View`
 * with the "none" renderer evaluates the dataflow, and `toSVG` writes the scenegraph as SVG text.
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import type { VegaLiteSpec } from "./spec.js";
import { installTextMetrics } from "./text-metrics.js";

/** A compiled chart: the vega spec and every warning vega-lite emitted while compiling. */
export interface CompiledChart {
  vega: vega.Spec;
  warnings: string[];
}

/** Collects log messages instead of printing them. */
function collectingLogger(sink: string[]) {
  let level = 0;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      sink.push(args.map(String).join(" "));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      sink.push(args.map(String).join(" "));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * Compiles (a copy of) a vega-lite spec to vega, returning the warnings instead of printing them
 * (a chart built by this package compiles with none). The input is never modified.
 */
export function compileChart(spec: VegaLiteSpec): CompiledChart {
  const warnings: string[] = [];
  // vega tags ingested data rows in place: compile a copy so the caller's spec stays untouched.
  const compiled = compile(structuredClone(spec), { logger: collectingLogger(warnings) as never });
  return { vega: compiled.spec, warnings };
}

/**
 * Renders a vega-lite spec to an SVG document (a string). Text is laid out for the bundled
 * DejaVu Sans (see {@link installTextMetrics}, which this installs); nothing is fetched, so only inline data works.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  installTextMetrics();
  const { vega: compiled } = compileChart(spec);
  const warnings: string[] = [];
  const view = new vega.View(vega.parse(compiled), {
    renderer: "none",
    logger: collectingLogger(warnings) as never,
    logLevel: vega.Warn,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

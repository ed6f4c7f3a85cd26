/**
 * A small benchmark harness: each package keeps `bench/*.bench.ts` files whose default export is
 * `(bench: Bench) => Promise<void> | void`; `pnpm bench` runs them all (or those whose path contains
 * the first CLI argument) and prints one table row per measurement.
 */

/** One measured row. */
export interface BenchRow {
  suite: string;
  name: string;
  /** Mean wall time of one call of the measured function, in milliseconds. */
  msPerCall: number;
  /** Optional throughput: `units` processed per second (units per call / seconds per call). */
  throughput?: { perSecond: number; unit: string };
  /** Optional target, e.g. "≤ 10 ms", and whether it was met. */
  target?: { text: string; met: boolean };
  note?: string;
}

export interface MeasureOptions {
  /** Minimal total measured time in ms (default 400). */
  minTimeMs?: number;
  /** Warm-up time in ms before measuring (default 150). */
  warmupMs?: number;
  /** Units processed by one call, to report throughput (e.g. learner-steps). */
  unitsPerCall?: number;
  unit?: string;
  /** Target on msPerCall ("max") or on throughput per second ("min"). */
  maxMsPerCall?: number;
  minPerSecond?: number;
  note?: string;
}

export interface Bench {
  /** Times `fn` repeatedly and records a row. Returns the row. */
  measure(name: string, fn: () => unknown, options?: MeasureOptions): BenchRow;
  /** Records a free-form row (for ratios or accuracy figures computed by the bench itself). */
  record(row: Omit<BenchRow, "suite">): void;
}

let sink: unknown;

function timeCalls(fn: () => unknown, minTimeMs: number): { calls: number; ms: number } {
  let calls = 0;
  const start = performance.now();
  let now = start;
  let batch = 1;
  while (now - start < minTimeMs) {
    for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    now = performance.now();
    if (now - start < minTimeMs / 10) batch *= 2;
  }
  return { calls, ms: now - start };
}

/** Creates a {@link Bench} that appends its rows to `rows`. */
export function createBench(suite: string, rows: BenchRow[]): Bench {
  return {
    measure(name, fn, options = {}) {
      timeCalls(fn, options.warmupMs ?? 150);
      const { calls, ms } = timeCalls(fn, options.minTimeMs ?? 400);
      const msPerCall = ms / calls;
      const row: BenchRow = { suite, name, msPerCall };
      if (options.unitsPerCall !== undefined) {
        row.throughput = {
          perSecond: (options.unitsPerCall / msPerCall) * 1000,
          unit: options.unit ?? "ops",
        };
      }
      if (options.maxMsPerCall !== undefined) {
        row.target = { text: `≤ ${options.maxMsPerCall} ms`, met: msPerCall <= options.maxMsPerCall };
      } else if (options.minPerSecond !== undefined && row.throughput) {
        row.target = {
          text: `≥ ${options.minPerSecond.toExponential(1)} ${row.throughput.unit}/s`,
          met: row.throughput.perSecond >= options.minPerSecond,
        };
      }
      if (options.note !== undefined) row.note = options.note;
      rows.push(row);
      return row;
    },
    record(row) {
      rows.push({ suite, ...row });
    },
  };
}

/** Keeps the optimiser from discarding benchmarked results. */
export function blackhole(value: unknown): void {
  sink = value;
}

export function lastSink(): unknown {
  return sink;
}

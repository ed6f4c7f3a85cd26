/**
 * A small benchmark harness: each package keeps `bench/*.bench.ts` files whose default export is
 * `(bench: Bench) => Promise<void> | void`; `pnpm bench` runs them all (or those whose path contains
 * the first CLI argument) and prints one table row per measurement: wall time, CPU time, throughput
 * and target. Throughputs and targets use CPU time (one core for single-threaded code), so a bench run
 * on a shared machine still tells whether the code meets its target.
 */

/** One measured row. */
export interface BenchRow {
  suite: string;
  name: string;
  /** Mean wall time of one call of the measured function, in milliseconds. */
  msPerCall: number;
  /**
   * Mean CPU time (user + system) of this process per call, in ms. For single-threaded code it is the
   * time on one core, not inflated when other jobs share the machine; targets are judged on it.
   */
  cpuMsPerCall?: number;
  /** Optional throughput: `units` processed per CPU second (units per call / CPU seconds per call). */
  throughput?: { perSecond: number; unit: string };
  /** Optional target, e.g. "≤ 10 ms", and whether it was met. */
  target?: { text: string; met: boolean };
  note?: string;
}

/** Options of {@link Bench.measure}: timing budget, throughput units and an optional target. */
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

/** What a `bench/*.bench.ts` default export receives: timed measurements and free-form rows of one suite. */
export interface Bench {
  /** Times `fn` repeatedly and records a row. Returns the row. */
  measure(name: string, fn: () => unknown, options?: MeasureOptions): BenchRow;
  /** Records a free-form row (for ratios or accuracy figures computed by the bench itself). */
  record(row: Omit<BenchRow, "suite">): void;
}

let sink: unknown;

function timeCalls(fn: () => unknown, minTimeMs: number): { calls: number; ms: number; cpuMs: number } {
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let now = start;
  let batch = 1;
  while (now - start < minTimeMs) {
    for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    now = performance.now();
    if (now - start < minTimeMs / 10) batch *= 2;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { calls, ms: now - start, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Creates a {@link Bench} that appends its rows to `rows`. */
export function createBench(suite: string, rows: BenchRow[]): Bench {
  return {
    measure(name, fn, options = {}) {
      timeCalls(fn, options.warmupMs ?? 150);
      const { calls, ms, cpuMs } = timeCalls(fn, options.minTimeMs ?? 400);
      const msPerCall = ms / calls;
      const cpuMsPerCall = cpuMs / calls;
      const row: BenchRow = { suite, name, msPerCall, cpuMsPerCall };
      if (options.unitsPerCall !== undefined) {
        row.throughput = {
          perSecond: (options.unitsPerCall / cpuMsPerCall) * 1000,
          unit: options.unit ?? "ops",
        };
      }
      if (options.maxMsPerCall !== undefined) {
        row.target = { text: `≤ ${options.maxMsPerCall} ms`, met: cpuMsPerCall <= options.maxMsPerCall };
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

/** The last value sunk: makes the sink observable from outside, so writes to it are never dead code. */
export function lastSink(): unknown {
  return sink;
}

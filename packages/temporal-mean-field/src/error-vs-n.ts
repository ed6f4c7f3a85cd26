/**
 * The approximation-error study (docs/temporal-mean-field.md §7.2): for each activation level B and
 * population size N, the time-averaged ℓ1 distance between the empirical and the mean-field flows
 *
 *     err(N, B) = E[ (1/(T+1)) Σ_{j=0..T} ‖μ̂_{t_j} − μ_{t_j}‖_1 ],   t_j = round(j·N/B),
 *
 * at equal decisions per agent: T decisions per agent are T·N/B global steps, and the error is read on
 * the decision clock τ = j (so every B is compared on the same grid). Both flows use the same
 * stationary policy and the same ρ = B/N. Reported per cell: the mean over seeds with a normal
 * confidence interval, and the mean sup_j error; per B: the least-squares slope of log err against
 * log N (the prediction is −1/2).
 */
import { createRandomStream, MfkitError } from "@mfkit/core";
import { CountPopulation } from "./count-simulation.js";
import type { TemporalMeanFieldGame, TmfPolicy } from "./model.js";
import { recursionStep, TmfWorkspace } from "./recursion.js";
import { createPopulation, type SimulatorKind } from "./simulate.js";
import { linearFit, meanWithInterval } from "./statistics.js";

/** An activation level: an absolute batch size B or a fraction of N (B = max(1, round(f·N))). */
export type BatchLevel = { readonly count: number } | { readonly fraction: number };

/**
 * Parses a batch level as the CLI writes it: an integer without a decimal point is a count ("1" →
 * B = 1), a number with a decimal point is a fraction of N ("0.1", "1.0" → B = N).
 */
export function parseBatchLevel(text: string): BatchLevel {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value) || value <= 0) {
    throw new MfkitError("invalid-argument", `batch level must be a positive number, got '${text}'`, [
      "batch",
    ]);
  }
  if (!trimmed.includes(".") && !/e/i.test(trimmed)) {
    if (!Number.isInteger(value))
      throw new MfkitError("invalid-argument", `batch count must be an integer`, ["batch"]);
    return { count: value };
  }
  if (value > 1) {
    throw new MfkitError("invalid-probability", `batch fraction must lie in (0, 1], got ${value}`, ["batch"]);
  }
  return { fraction: value };
}

/** B for a level at population size N. */
export function resolveBatch(level: BatchLevel, populationSize: number): number {
  if ("count" in level) {
    if (level.count > populationSize) {
      throw new MfkitError("invalid-argument", `batch B = ${level.count} exceeds N = ${populationSize}`, [
        "batch",
      ]);
    }
    return level.count;
  }
  return Math.max(1, Math.round(level.fraction * populationSize));
}

/** "B=1", "B=0.1N", "B=N". */
export function batchLabel(level: BatchLevel): string {
  if ("count" in level) return `B=${level.count}`;
  return level.fraction === 1 ? "B=N" : `B=${level.fraction}N`;
}

/** Options of {@link errorVsN}. */
export interface ErrorVsNOptions {
  populationSizes: readonly number[];
  batches: readonly BatchLevel[];
  /** Replicates per cell (default 8). */
  seeds?: number;
  seed?: number | string;
  /** Decisions per agent T (default 20). */
  decisionsPerAgent?: number;
  /** A stationary policy (|O|·|A|) or μ-aware map (default uniform). */
  policy?: TmfPolicy;
  simulator?: SimulatorKind;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
  signal?: AbortSignal;
  /** Called after each finished run with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** One (B, N) cell: err(N, B) over seeds with its confidence interval and the mean sup error. */
export interface ErrorVsNCell {
  batch: string;
  populationSize: number;
  batchSize: number;
  rho: number;
  globalSteps: number;
  meanError: number;
  low: number;
  high: number;
  standardError: number;
  meanSupError: number;
  perSeed: number[];
}

/** The cells and, per activation level, the least-squares slope of log err against log N. */
export interface ErrorVsNResult {
  cells: ErrorVsNCell[];
  slopes: Array<{
    batch: string;
    slope: number;
    slopeStandardError: number;
    intercept: number;
    points: number;
  }>;
  decisionsPerAgent: number;
  seeds: number;
  interrupted: boolean;
  runtimeMs: number;
}

/** Runs the error-vs-N study (see the module comment). */
export function errorVsN(game: TemporalMeanFieldGame, options: ErrorVsNOptions): ErrorVsNResult {
  const seeds = options.seeds ?? 8;
  const T = options.decisionsPerAgent ?? 20;
  if (!Number.isInteger(seeds) || seeds < 2) {
    throw new MfkitError("invalid-argument", `seeds must be an integer ≥ 2, got ${seeds}`, ["seeds"]);
  }
  if (!Number.isInteger(T) || T < 1) {
    throw new MfkitError("invalid-argument", `decisionsPerAgent must be an integer ≥ 1, got ${T}`, [
      "decisionsPerAgent",
    ]);
  }
  options.populationSizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) {
      throw new MfkitError("invalid-argument", `population size must be an integer ≥ 1, got ${n}`, ["ns", i]);
    }
  });
  const nO = game.nObs;
  const nA = game.nActions;
  const policy = options.policy ?? new Float64Array(nO * nA).fill(1 / nA);
  const start = performance.now();
  const total = options.batches.length * options.populationSizes.length * seeds;
  let done = 0;
  const result: ErrorVsNResult = {
    cells: [],
    slopes: [],
    decisionsPerAgent: T,
    seeds,
    interrupted: false,
    runtimeMs: 0,
  };
  const ws = new TmfWorkspace(game);
  const pi = new Float64Array(nO * nA);
  if (typeof policy !== "function") pi.set(policy.subarray(0, nO * nA));
  const mu = new Float64Array(nO);
  const next = new Float64Array(nO);
  outer: for (const level of options.batches) {
    for (const n of options.populationSizes) {
      const b = resolveBatch(level, n);
      const rho = b / n;
      const checkpoints = Array.from({ length: T + 1 }, (_, j) => Math.round((j * n) / b));
      const steps = checkpoints[T];
      // The mean-field flow at the checkpoints.
      const reference = new Float64Array((T + 1) * nO);
      mu.set(game.mu0);
      let j = 0;
      for (let t = 0; t <= steps; t++) {
        while (j <= T && checkpoints[j] === t) reference.set(mu, nO * j++);
        if (t === steps) break;
        if (typeof policy === "function") policy(t, mu, pi);
        recursionStep(ws, mu, pi, rho, next);
        mu.set(next);
      }
      const averages: number[] = [];
      const sups: number[] = [];
      for (let s = 0; s < seeds; s++) {
        if (options.signal?.aborted) {
          result.interrupted = true;
          break outer;
        }
        const random = createRandomStream(options.seed ?? 0, s);
        const population = createPopulation(game, n, { kind: "uniform", batch: b }, options.simulator);
        if (population instanceof CountPopulation) population.trackRewards = false;
        let sum = 0;
        let sup = 0;
        let k = 0;
        for (let t = 0; t <= steps; t++) {
          while (k <= T && checkpoints[k] === t) {
            let d = 0;
            for (let o = 0; o < nO; o++) d += Math.abs(population.counts[o] / n - reference[k * nO + o]);
            sum += d;
            sup = Math.max(sup, d);
            k += 1;
          }
          if (t === steps) break;
          population.step(policy, random);
        }
        averages.push(sum / (T + 1));
        sups.push(sup);
        done += 1;
        options.onProgress?.(done, total);
      }
      const stats = meanWithInterval(averages, options.confidence ?? 0.95);
      result.cells.push({
        batch: batchLabel(level),
        populationSize: n,
        batchSize: b,
        rho,
        globalSteps: steps,
        meanError: stats.mean,
        low: stats.low,
        high: stats.high,
        standardError: stats.standardError,
        meanSupError: sups.reduce((x, y) => x + y, 0) / sups.length,
        perSeed: averages,
      });
    }
  }
  for (const level of options.batches) {
    const label = batchLabel(level);
    const cells = result.cells.filter((c) => c.batch === label && c.meanError > 0);
    if (cells.length < 2) continue;
    const fit = linearFit(
      cells.map((c) => Math.log(c.populationSize)),
      cells.map((c) => Math.log(c.meanError)),
    );
    result.slopes.push({ batch: label, ...fit, points: cells.length });
  }
  result.runtimeMs = performance.now() - start;
  return result;
}

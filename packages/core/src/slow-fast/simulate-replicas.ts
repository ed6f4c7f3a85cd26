/**
 * The finite system: R independent replicas of the stochastic-approximation process
 *
 *     X_{k+1} = X_k + ε · f(X_k, e_k),        e_{k+1} ~ P_{X_{k+1}}(e_k, ·),
 *
 * with replica r driven by the seeded stream (seed, r), summarised by the mean and standard deviation
 * across replicas of X_k (and of an optional observable of (X_k, e_k)) at chosen iterations k.
 *
 * Determinism: replicas are grouped in fixed chunks (replicas [c·size, (c+1)·size)), accumulated with
 * Welford's update inside a chunk, and chunks are merged in index order with Chan et al.'s formula. Any
 * scheduling of whole chunks (one thread, or workers each running some chunks) therefore gives the same
 * bits for a given seed. Interruption (AbortSignal) keeps the chunks completed so far.
 */
import { MfkitError } from "../errors.js";
import { createRandomStreamOfKey, seedKey } from "../random/create-random-stream.js";
import type { SlowFastModel } from "./slow-fast-model.js";

/** A quantity recorded alongside x, e.g. the one-hot indicator of the current game state. */
export interface Observable<E> {
  readonly size: number;
  write(x: Float64Array, e: E, out: Float64Array): void;
}

/** Default number of replicas per chunk. */
export const DEFAULT_CHUNK_SIZE = 16;

/** Options of {@link simulateReplicas} and {@link simulateReplicaChunks}. */
export interface ReplicaOptions<E> {
  /** X_0 (copied). */
  x0: ArrayLike<number>;
  /** ε, the step size applied to f. */
  scale: number;
  /** Iterations k (sorted, ≥ 0) at which X_k is recorded, before the k-th update. */
  recordSteps: readonly number[];
  /** R, the number of replicas (integer ≥ 1). */
  runs: number;
  /** Seed of the streams: replica r uses stream (seed, r). */
  seed: number | string;
  observable?: Observable<E>;
  /** Replicas per chunk (default {@link DEFAULT_CHUNK_SIZE}); part of the result's identity, like the seed. */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Called after every replica with the number of replicas finished in this call. */
  onProgress?: (runsDone: number) => void;
}

/** Moments of the records of one chunk of replicas: count, mean and sum of squared deviations. */
export interface ReplicaChunk {
  index: number;
  count: number;
  mean: Float64Array;
  m2: Float64Array;
}

/** Mean and spread across replicas of the records, from {@link mergeReplicaChunks}. */
export interface ReplicaSummary {
  /** The iterations k at which records were taken (a copy of the option). */
  recordSteps: number[];
  /** Replicas completed (fewer than requested when interrupted). */
  runs: number;
  interrupted: boolean;
  /** mean[k] = [mean of X (dim) | mean of the observable (size)] at recordSteps[k]. */
  mean: Float64Array[];
  /** Unbiased standard deviation across replicas, same layout (0 when runs < 2). */
  std: Float64Array[];
}

/** The number of chunks of `runs` replicas. */
export function chunkCount(runs: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  return Math.ceil(runs / chunkSize);
}

function validate<E>(model: SlowFastModel<E>, options: ReplicaOptions<E>): void {
  const { recordSteps, runs, scale } = options;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new MfkitError("invalid-argument", `runs must be an integer ≥ 1, got ${runs}`, ["runs"]);
  }
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new MfkitError("invalid-argument", `the step size must be a finite number > 0, got ${scale}`, [
      "scale",
    ]);
  }
  for (let k = 0; k < recordSteps.length; k++) {
    const step = recordSteps[k]!;
    if (!Number.isInteger(step) || step < 0 || (k > 0 && step < recordSteps[k - 1]!)) {
      throw new MfkitError("invalid-argument", `record steps must be sorted integers ≥ 0, got ${step}`, [
        "recordSteps",
        k,
      ]);
    }
  }
  if (options.x0.length !== model.dim) {
    throw new MfkitError(
      "invalid-shape",
      `x0 has length ${options.x0.length}, the model has dimension ${model.dim}`,
      ["x0"],
    );
  }
}

/**
 * Simulates the chunks with the given indices (each complete, in the order given) and returns their
 * moments. Stops before a chunk when `signal` is aborted; a chunk is never returned half done.
 */
export function simulateReplicaChunks<E>(
  model: SlowFastModel<E>,
  options: ReplicaOptions<E>,
  chunkIndices: readonly number[],
): ReplicaChunk[] {
  validate(model, options);
  return runChunks(model, options, chunkIndices);
}

/** The chunks' replicas, for options already validated. */
function runChunks<E>(
  model: SlowFastModel<E>,
  options: ReplicaOptions<E>,
  chunkIndices: readonly number[],
): ReplicaChunk[] {
  const { recordSteps, runs, scale } = options;
  const dim = model.dim;
  const obsSize = options.observable?.size ?? 0;
  const width = dim + obsSize;
  const R = recordSteps.length;
  const lastStep = R > 0 ? recordSteps[R - 1]! : 0;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;

  // The seed is hashed once; replica r's stream is then derived from it (the same stream as createRandomStream).
  const key = seedKey(options.seed);
  const x = new Float64Array(dim);
  const e = model.createFastState();
  const record = new Float64Array(R * width);
  const obs = new Float64Array(obsSize);
  const chunks: ReplicaChunk[] = [];
  let done = 0;
  for (const index of chunkIndices) {
    if (options.signal?.aborted) break;
    const first = index * chunkSize;
    const end = Math.min(runs, first + chunkSize);
    const mean = new Float64Array(R * width);
    const m2 = new Float64Array(R * width);
    for (let run = first; run < end; run++) {
      const random = createRandomStreamOfKey(key, run);
      x.set(options.x0 as ArrayLike<number>);
      model.initFastState(x, e, random);
      let next = 0;
      for (let k = 0; k <= lastStep; k++) {
        while (next < R && recordSteps[next] === k) {
          const base = next * width;
          for (let i = 0; i < dim; i++) record[base + i] = x[i]!;
          if (options.observable) {
            options.observable.write(x, e, obs);
            for (let i = 0; i < obsSize; i++) record[base + dim + i] = obs[i]!;
          }
          next++;
        }
        if (k === lastStep) break;
        model.applyIncrement(x, e, scale);
        model.advanceFastState(x, e, random);
      }
      const n = run - first;
      for (let i = 0; i < record.length; i++) {
        const v = record[i]!;
        if (!Number.isFinite(v)) {
          const at = Math.floor(i / width);
          throw new MfkitError(
            "non-finite",
            `replica ${run} produced a non-finite value at iteration ${recordSteps[at]} (component ${i % width}): the step size may be too large`,
            ["runs", run],
            { run, step: recordSteps[at] },
          );
        }
        const d = v - mean[i]!;
        const m = mean[i]! + d / (n + 1);
        m2[i] = m2[i]! + d * (v - m);
        mean[i] = m;
      }
      done++;
      options.onProgress?.(done);
    }
    chunks.push({ index, count: end - first, mean, m2 });
  }
  return chunks;
}

/**
 * Merges chunk moments in index order (Chan et al.) into the summary, whatever order they arrive in;
 * `requestedRuns` tells whether the run was interrupted (fewer replicas merged).
 */
export function mergeReplicaChunks(
  chunks: readonly ReplicaChunk[],
  recordSteps: readonly number[],
  requestedRuns: number,
): ReplicaSummary {
  if (chunks.length === 0) {
    throw new MfkitError(
      "interrupted",
      "interrupted before any replica finished: nothing to summarise",
      ["runs"],
      {
        requestedRuns,
      },
    );
  }
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  const R = recordSteps.length;
  const size = sorted[0]?.mean.length ?? 0;
  const width = R > 0 ? size / R : 0;
  const mean = new Float64Array(size);
  const m2 = new Float64Array(size);
  let count = 0;
  for (const chunk of sorted) {
    const n = count + chunk.count;
    for (let i = 0; i < size; i++) {
      const d = chunk.mean[i]! - mean[i]!;
      mean[i] = mean[i]! + (d * chunk.count) / n;
      m2[i] = m2[i]! + chunk.m2[i]! + (d * d * count * chunk.count) / n;
    }
    count = n;
  }
  const means: Float64Array[] = [];
  const stds: Float64Array[] = [];
  for (let k = 0; k < R; k++) {
    means.push(mean.slice(k * width, (k + 1) * width));
    const s = new Float64Array(width);
    if (count > 1)
      for (let i = 0; i < width; i++) s[i] = Math.sqrt(Math.max(0, m2[k * width + i]! / (count - 1)));
    stds.push(s);
  }
  return {
    recordSteps: [...recordSteps],
    runs: count,
    interrupted: count < requestedRuns,
    mean: means,
    std: stds,
  };
}

/** Runs all replicas in this thread and returns their mean and spread at the recorded iterations. */
export function simulateReplicas<E>(model: SlowFastModel<E>, options: ReplicaOptions<E>): ReplicaSummary {
  validate(model, options);
  const chunks = chunkCount(options.runs, options.chunkSize);
  const all = Array.from({ length: chunks }, (_, c) => c);
  return mergeReplicaChunks(runChunks(model, options, all), options.recordSteps, options.runs);
}

/**
 * The finite system: R independent replicas of the stochastic-approximation process
 *
 *     X_{k+1} = X_k + ε · f(X_k, e_k),        e_{k+1} ~ P_{X_{k+1}}(e_k, ·),
 *
 * with replica r driven by the seeded stream (seed, r), summarised by the mean and standard deviation
 * across replicas of X_k (and of an optional observable of (X_k, e_k)) at chosen iterations k.
 *
 * Determinism: replicas are accumulated in fixed chunks (Welford), and chunks are merged in order
 * (Chan et al.), so the result is bit-identical for a given seed whatever the chunk scheduling.
 * Interruption (AbortSignal) returns the replicas completed so far.
 */
import { MfkitError } from "../errors.js";
import { createRandomStream } from "../random/index.js";
import type { SlowFastModel } from "./slow-fast-model.js";

/** A quantity recorded alongside x, e.g. the one-hot indicator of the current game state. */
export interface Observable<E> {
  readonly size: number;
  write(x: Float64Array, e: E, out: Float64Array): void;
}

export interface ReplicaOptions<E> {
  /** X_0 (copied). */
  x0: ArrayLike<number>;
  /** ε, the step size applied to f. */
  scale: number;
  /** Iterations k (sorted, ≥ 0) at which X_k is recorded, before the k-th update. */
  recordSteps: readonly number[];
  runs: number;
  seed: number | string;
  observable?: Observable<E>;
  /** Replicas per accumulation chunk (default 16). */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (runsDone: number) => void;
}

export interface ReplicaSummary {
  recordSteps: number[];
  /** Replicas completed (fewer than requested when interrupted). */
  runs: number;
  interrupted: boolean;
  /** mean[k] = [mean of X (dim) | mean of the observable (size)] at recordSteps[k]. */
  mean: Float64Array[];
  /** Unbiased standard deviation across replicas, same layout (0 when runs < 2). */
  std: Float64Array[];
}

/** Welford moments over the replicas of one chunk, merged into a total with Chan's formula. */
class ChunkedMoments {
  count = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  constructor(size: number) {
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }
  push(values: Float64Array, offset: number, from: Float64Array): void {
    // `from[offset ..]` holds one replica's records; update mean and m2 for this slot range.
    const n = this.count;
    for (let i = 0; i < values.length; i++) {
      const v = from[offset + i]!;
      const d = v - this.mean[i]!;
      const mean = this.mean[i]! + d / (n + 1);
      this.m2[i] = this.m2[i]! + d * (v - mean);
      this.mean[i] = mean;
    }
  }
  merge(other: ChunkedMoments): void {
    const n = this.count + other.count;
    if (other.count === 0) return;
    for (let i = 0; i < this.mean.length; i++) {
      const d = other.mean[i]! - this.mean[i]!;
      this.mean[i] = this.mean[i]! + (d * other.count) / n;
      this.m2[i] = this.m2[i]! + other.m2[i]! + (d * d * this.count * other.count) / n;
    }
    this.count = n;
  }
  reset(): void {
    this.count = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }
}

/** Runs the replicas and returns their mean and spread at the recorded iterations. */
export function simulateReplicas<E>(model: SlowFastModel<E>, options: ReplicaOptions<E>): ReplicaSummary {
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
  const dim = model.dim;
  const obsSize = options.observable?.size ?? 0;
  const width = dim + obsSize;
  const R = recordSteps.length;
  const lastStep = R > 0 ? recordSteps[R - 1]! : 0;
  const chunkSize = options.chunkSize ?? 16;

  const x = new Float64Array(dim);
  const e = model.createFastState();
  const record = new Float64Array(R * width);
  const obs = new Float64Array(obsSize);
  const total = new ChunkedMoments(R * width);
  const chunk = new ChunkedMoments(R * width);
  const slot = new Float64Array(R * width);

  let done = 0;
  let interrupted = false;
  for (let run = 0; run < runs; run++) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    const random = createRandomStream(options.seed, run);
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
    for (let i = 0; i < record.length; i++) {
      if (!Number.isFinite(record[i]!)) {
        const at = Math.floor(i / width);
        throw new MfkitError(
          "non-finite",
          `replica ${run} produced a non-finite value at iteration ${recordSteps[at]} (component ${i % width}): the step size may be too large`,
          ["runs", run],
          { run, step: recordSteps[at] },
        );
      }
    }
    chunk.push(slot, 0, record);
    chunk.count += 1;
    done++;
    if (chunk.count === chunkSize) {
      total.merge(chunk);
      chunk.reset();
    }
    options.onProgress?.(done);
  }
  total.merge(chunk);

  const mean: Float64Array[] = [];
  const std: Float64Array[] = [];
  for (let k = 0; k < R; k++) {
    mean.push(total.mean.slice(k * width, (k + 1) * width));
    const s = new Float64Array(width);
    if (total.count > 1) {
      for (let i = 0; i < width; i++)
        s[i] = Math.sqrt(Math.max(0, total.m2[k * width + i]! / (total.count - 1)));
    }
    std.push(s);
  }
  return { recordSteps: [...recordSteps], runs: done, interrupted, mean, std };
}

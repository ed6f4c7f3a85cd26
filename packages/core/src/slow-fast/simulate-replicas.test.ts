import { describe, expect, it } from "vitest";
import { captureMfkitError } from "../errors.js";
import { createRandomStream } from "../random/index.js";
import {
  chunkCount,
  mergeReplicaChunks,
  type Observable,
  type ReplicaOptions,
  simulateReplicaChunks,
  simulateReplicas,
} from "./simulate-replicas.js";
import type { SlowFastModel } from "./slow-fast-model.js";

/**
 * X_{k+1} = X_k + ε(e_k − X_k) with e_k i.i.d. Bernoulli(p) (e held in a one-element buffer): a 1-d model
 * whose replicas are easy to replay by hand from the same streams.
 */
const p = 0.3;
const bernoulli: SlowFastModel<Float64Array> = {
  dim: 1,
  createFastState: () => new Float64Array(1),
  initFastState: (_x, e, random) => void (e[0] = random.next() < p ? 1 : 0),
  advanceFastState: (_x, e, random) => void (e[0] = random.next() < p ? 1 : 0),
  applyIncrement: (x, e, scale) => void (x[0] = x[0]! + scale * (e[0]! - x[0]!)),
  drift: (x, out) => void (out[0] = p - x[0]!),
};
/** The fast state itself, recorded next to x. */
const fastState: Observable<Float64Array> = { size: 1, write: (_x, e, out) => void (out[0] = e[0]!) };

const options: ReplicaOptions<Float64Array> = {
  x0: [0.9],
  scale: 0.05,
  recordSteps: [0, 1, 7, 7, 40],
  runs: 37,
  seed: "replicas",
  observable: fastState,
  chunkSize: 5,
};

/** Replays replica r of `options` and returns its records [x, e] at each record step. */
function replay(run: number): number[][] {
  const random = createRandomStream(options.seed, run);
  let x = options.x0[0]!;
  let e = random.next() < p ? 1 : 0;
  const records: number[][] = [];
  for (let k = 0; k <= 40; k++) {
    for (const step of options.recordSteps) if (step === k) records.push([x, e]);
    x += options.scale * (e - x);
    e = random.next() < p ? 1 : 0;
  }
  return records;
}

describe("simulateReplicas", () => {
  it("mean and unbiased standard deviation equal the two-pass statistics of the replayed replicas", () => {
    const summary = simulateReplicas(bernoulli, options);
    expect(summary.runs).toBe(37);
    expect(summary.interrupted).toBe(false);
    expect(summary.recordSteps).toEqual(options.recordSteps);
    const replicas = Array.from({ length: options.runs }, (_, r) => replay(r));
    for (let k = 0; k < options.recordSteps.length; k++) {
      for (let c = 0; c < 2; c++) {
        const values = replicas.map((records) => records[k]![c]!);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
        // Welford within chunks and Chan's merge against two passes: rounding only (values and spread are O(1)).
        expect(Math.abs(summary.mean[k]![c]! - mean)).toBeLessThan(1e-14);
        expect(Math.abs(summary.std[k]![c]! - Math.sqrt(variance))).toBeLessThan(1e-14);
      }
    }
    // The spread is real: at step 0 x is x0 in every replica, later it is not.
    expect(summary.std[0]![0]).toBe(0);
    expect(summary.std[4]![0]).toBeGreaterThan(0.01);
  });

  it("gives the same bits whatever chunks each worker runs and in whatever order they arrive", () => {
    const whole = simulateReplicas(bernoulli, options);
    const count = chunkCount(options.runs, options.chunkSize);
    expect(count).toBe(8);
    const odd = simulateReplicaChunks(bernoulli, options, [7, 5, 3, 1]);
    const even = simulateReplicaChunks(bernoulli, options, [0, 2, 4, 6]);
    const merged = mergeReplicaChunks([...odd, ...even], options.recordSteps, options.runs);
    expect(merged).toEqual(whole);
    expect(odd.find((c) => c.index === 7)!.count).toBe(2);
  });

  it("an aborted run keeps whole chunks and reports the interruption", () => {
    const controller = new AbortController();
    const summary = simulateReplicas(bernoulli, {
      ...options,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 12) controller.abort();
      },
    });
    // The abort lands inside chunk 2 (replicas 10–14), which still completes.
    expect(summary.runs).toBe(15);
    expect(summary.interrupted).toBe(true);
    const first = mergeReplicaChunks(
      simulateReplicaChunks(bernoulli, options, [0, 1, 2]),
      options.recordSteps,
      options.runs,
    );
    expect(summary).toEqual(first);
  });

  it("an abort before any replica finished is a typed 'interrupted' error, not an empty summary", () => {
    const controller = new AbortController();
    controller.abort();
    const error = captureMfkitError(() =>
      simulateReplicas(bernoulli, { ...options, signal: controller.signal }),
    );
    expect(error.code).toBe("interrupted");
    expect(error.path).toEqual(["runs"]);
  });

  it("refuses bad options with typed errors naming the option", () => {
    const bad = (patch: Partial<ReplicaOptions<Float64Array>>) => {
      const error = captureMfkitError(() => simulateReplicas(bernoulli, { ...options, ...patch }));
      return [error.code, error.path];
    };
    expect(bad({ runs: 0 })).toEqual(["invalid-argument", ["runs"]]);
    expect(bad({ runs: 2.5 })).toEqual(["invalid-argument", ["runs"]]);
    expect(bad({ scale: 0 })).toEqual(["invalid-argument", ["scale"]]);
    expect(bad({ scale: Number.POSITIVE_INFINITY })).toEqual(["invalid-argument", ["scale"]]);
    expect(bad({ recordSteps: [0, 5, 3] })).toEqual(["invalid-argument", ["recordSteps", 2]]);
    expect(bad({ recordSteps: [-1] })).toEqual(["invalid-argument", ["recordSteps", 0]]);
    expect(bad({ x0: [0.1, 0.2] })).toEqual(["invalid-shape", ["x0"]]);
  });

  it("a replica that leaves the reals stops the run with a non-finite error naming it", () => {
    // ε = 3 makes x_{k+1} = −2x_k + 3e_k grow like 2^k: it overflows to ±∞ (then NaN) within ~1100 steps.
    const error = captureMfkitError(() =>
      simulateReplicas(bernoulli, {
        ...options,
        scale: 3,
        recordSteps: [0, 2000],
        runs: 2,
        observable: undefined,
      }),
    );
    expect(error.code).toBe("non-finite");
    expect(error.path).toEqual(["runs", 0]);
    expect(error.details).toEqual({ run: 0, step: 2000 });
  });
});

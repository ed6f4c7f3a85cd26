/**
 * Replicas on several worker threads. Each worker rebuilds the experiment from its JSON spec and
 * simulates whole chunks of replicas handed out one at a time; the chunks are merged in index order, so
 * the result is bit-identical to {@link simulate} for the same seed, whatever the number of workers.
 * Rules registered at run time with `registerLearnerRule` are unknown to workers: such experiments run
 * in this thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  chunkCount,
  MfkitError,
  type MfkitErrorCode,
  mergeReplicaChunks,
  type ReplicaChunk,
} from "@mfkit/core";
import { BUILT_IN_LEARNER_RULES } from "@mfkit/learners";
import type { Experiment } from "./experiment.js";
import {
  recordIterations,
  type SimulateOptions,
  type SimulateResult,
  simulate,
  simulationResult,
} from "./simulate.js";

export interface ParallelSimulateOptions extends SimulateOptions {
  /** Worker threads (default: the machine's available parallelism); 1 runs in this thread. */
  workers?: number;
}

/**
 * How to start a worker: the compiled `simulate-worker.js` directly, or, when running from TypeScript
 * sources, a tiny bootstrap that registers tsx and imports `simulate-worker.ts` with the `source` condition.
 */
function workerEntry(): { url: URL; execArgv: string[]; entry?: string } {
  if (!import.meta.url.endsWith(".ts"))
    return { url: new URL("./simulate-worker.js", import.meta.url), execArgv: [] };
  return {
    url: new URL("./worker-from-source.mjs", import.meta.url),
    execArgv: ["--conditions=source"],
    entry: new URL("./simulate-worker.ts", import.meta.url).href,
  };
}

/** Runs the replicas of an experiment on worker threads. */
export async function simulateInWorkers(
  experiment: Experiment,
  options: ParallelSimulateOptions,
): Promise<SimulateResult> {
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new MfkitError("invalid-argument", `workers must be an integer ≥ 1, got ${requested}`, ["workers"]);
  }
  const chunks = chunkCount(options.runs);
  const workers = Math.min(requested, chunks);
  if (workers <= 1 || !isRebuildable(experiment)) return simulate(experiment, options);

  const { url, execArgv, entry } = workerEntry();
  const done: ReplicaChunk[] = [];
  let next = 0;
  let runsDone = 0;
  let failure: Error | undefined;
  const pool = Array.from(
    { length: workers },
    () =>
      new Worker(url, {
        execArgv,
        workerData: { entry, spec: experiment.spec, runs: options.runs, seed: options.seed },
      }),
  );
  await Promise.all(
    pool.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const dispatch = () => {
            if (next >= chunks || options.signal?.aborted || failure) {
              worker.postMessage({ stop: true });
              return;
            }
            worker.postMessage({ chunk: next++ });
          };
          worker.on(
            "message",
            (message: {
              chunk?: ReplicaChunk;
              error?: { code: MfkitErrorCode; reason: string; path: (string | number)[] };
            }) => {
              if (message.error) {
                failure = new MfkitError(message.error.code, message.error.reason, message.error.path);
              } else if (message.chunk) {
                done.push(message.chunk);
                runsDone += message.chunk.count;
                options.onProgress?.(runsDone);
              }
              dispatch();
            },
          );
          worker.on("error", (error) => {
            failure ??= error;
            resolve();
          });
          worker.on("exit", () => resolve());
          dispatch();
        }),
    ),
  );
  if (failure) throw failure;
  return simulationResult(experiment, mergeReplicaChunks(done, recordIterations(experiment), options.runs));
}

/** Whether workers can rebuild the experiment from its spec (built-in learning rules only). */
function isRebuildable(experiment: Experiment): boolean {
  return (
    experiment.spec !== undefined &&
    experiment.model.learners.every((l) => BUILT_IN_LEARNER_RULES.has(l.rule))
  );
}

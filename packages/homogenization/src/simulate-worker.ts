/**
 * Worker-thread entry of {@link simulateInWorkers}: rebuilds the experiment from its JSON spec, then
 * answers each `{ chunk }` message with that chunk's replica moments (buffers transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { MfkitError, simulateReplicaChunks } from "@mfkit/core";
import { parseExperimentOrThrow } from "./experiment.js";
import { replicaOptions } from "./simulate.js";

interface WorkerInput {
  spec: unknown;
  runs: number;
  seed: number | string;
}

const input = workerData as WorkerInput;
const experiment = parseExperimentOrThrow(input.spec);
const options = replicaOptions(experiment, { runs: input.runs, seed: input.seed });

parentPort!.on("message", (message: { chunk: number } | { stop: true }) => {
  if ("stop" in message) {
    process.exit(0);
  }
  try {
    const [chunk] = simulateReplicaChunks(experiment.model, options, [message.chunk]);
    parentPort!.postMessage({ chunk }, [chunk!.mean.buffer as ArrayBuffer, chunk!.m2.buffer as ArrayBuffer]);
  } catch (error) {
    // Typed errors cross the thread boundary as plain data and are rebuilt by the main thread.
    if (error instanceof MfkitError) {
      parentPort!.postMessage({ error: { code: error.code, reason: error.reason, path: error.path } });
    } else {
      throw error;
    }
  }
});

/**
 * Issue targets on mgap's PD-4 example: the limit ODE on t ∈ [0, 1000] at rtol = atol = 1e-10
 * (≤ 10 ms; mgap needs 12–25 s) and finite-rate simulation throughput (≥ 5e6 learner-steps/s).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { homogenize, parseExperimentOrThrow, simulate } from "@mfkit/homogenization";
import type { Bench } from "../../../test/bench/harness.js";

export default function pd4(bench: Bench) {
  const spec = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../../examples/prisoners-dilemma-4.json"), "utf8"),
  );
  const experiment = parseExperimentOrThrow(spec);
  bench.measure(
    "PD-4 limit ODE, t∈[0,1000], rtol=atol=1e-10, 100 outputs",
    () => homogenize(experiment, { rtol: 1e-10, atol: 1e-10 }),
    {
      maxMsPerCall: 10,
    },
  );
  bench.measure("PD-4 limit ODE, default tolerances", () => homogenize(experiment), { maxMsPerCall: 10 });
  const runs = 200;
  const steps = 1000;
  bench.measure(
    `PD-4 simulation, ${runs} replicas × ${steps} iterations × 2 learners`,
    () => simulate(experiment, { runs, seed: 1 }),
    {
      unitsPerCall: runs * steps * 2,
      unit: "learner-steps",
      minPerSecond: 5e6,
      minTimeMs: 1500,
    },
  );
}

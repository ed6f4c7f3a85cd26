/**
 * Speed of the TMF simulators and of the error-vs-N study:
 * - agent-by-agent at N = 1e6 (target ≥ 5e7 agent-updates/s on one core; an agent-update is one
 *   agent's state advanced by one global step, active or idle), also with the per-agent record that
 *   TMF-PG's sample-mode rollouts use;
 * - the count-based step at N = 1e3 and N = 1e9 (its cost must not grow with N);
 * - the default error-vs-N sweep (N = 1e2..1e5, B ∈ {1, 0.1N, 0.5N, N}, 8 seeds, 20 decisions per
 *   agent) on both games (target ≤ 60 s each), with the fitted slopes.
 */
import { createRandomStream } from "@mfkit/core";
import {
  AgentPopulation,
  CountPopulation,
  createQueueing,
  createResourceSelection,
  errorVsN,
  parseBatchLevel,
} from "@mfkit/temporal-mean-field";
import type { Bench } from "../../../test/bench/harness.js";

export default async (bench: Bench) => {
  const resource = createResourceSelection();
  const queueing = createQueueing({ arrivals: "exogenous" });
  const uniform = (nObs: number, nActions: number) => new Float64Array(nObs * nActions).fill(1 / nActions);
  const n = 1_000_000;
  const random = createRandomStream(1);

  const all = new AgentPopulation(resource, n, { kind: "uniform", batch: n });
  const piR = uniform(resource.nObs, resource.nActions);
  bench.measure("agent-by-agent, resource selection, N = 1e6, B = N", () => all.step(piR, random), {
    unitsPerCall: n,
    unit: "agent-updates",
    minPerSecond: 5e7,
  });
  const subset = new AgentPopulation(resource, n, { kind: "uniform", batch: n / 10 });
  bench.measure(
    "agent-by-agent, resource selection, N = 1e6, B = 0.1N (P0 = id)",
    () => subset.step(piR, random),
    {
      unitsPerCall: n,
      unit: "agent-updates",
      note: "only the B active agents are touched",
    },
  );
  const queue = new AgentPopulation(queueing, n, { kind: "uniform", batch: n });
  const piQ = uniform(queueing.nObs, queueing.nActions);
  bench.measure("agent-by-agent, queueing, N = 1e6, B = N", () => queue.step(piQ, random), {
    unitsPerCall: n,
    unit: "agent-updates",
  });
  // After the unrecorded rows, so their compiled hot loop has never seen a record.
  const record = { actions: new Int32Array(n), rewards: new Float64Array(n) };
  bench.measure(
    "agent-by-agent, resource selection, N = 1e6, B = N, per-agent record",
    () => all.step(piR, random, record),
    {
      unitsPerCall: n,
      unit: "agent-updates",
      note: "the step of TMF-PG's sample-mode rollouts (each agent's action and reward written)",
    },
  );

  const stepCost: Record<string, number> = {};
  for (const size of [1e3, 1e9]) {
    for (const [label, game, pi] of [
      ["queueing", queueing, piQ],
      ["resource selection", resource, piR],
    ] as const) {
      const population = new CountPopulation(game, size, { kind: "uniform", batch: size / 2 });
      const row = bench.measure(`count-based step, ${label}, N = ${size.toExponential(0)}, B = N/2`, () => {
        population.step(pi, random);
        if (population.counts[0] === size)
          population.reset(new CountPopulation(game, size, population.activation).counts);
      });
      stepCost[`${label} ${size}`] = row.msPerCall;
    }
  }
  for (const label of ["queueing", "resource selection"]) {
    const ratio = stepCost[`${label} 1000000000`] / stepCost[`${label} 1000`];
    bench.record({
      name: `count-based step cost ratio N = 1e9 / N = 1e3 (${label})`,
      msPerCall: stepCost[`${label} 1000000000`],
      target: { text: "ratio ≤ 3", met: ratio <= 3 },
      note: `ratio ${ratio.toFixed(2)}`,
    });
  }

  for (const [label, game] of [
    ["resource selection", resource],
    ["queueing (exogenous arrivals)", queueing],
  ] as const) {
    const result = errorVsN(game, {
      populationSizes: [100, 1000, 10000, 100000],
      batches: ["1", "0.1", "0.5", "1.0"].map(parseBatchLevel),
      seeds: 8,
      seed: 1,
    });
    const slopes = result.slopes.map(
      (s) => `${s.batch} ${s.slope.toFixed(3)}±${s.slopeStandardError.toFixed(3)}`,
    );
    bench.record({
      name: `error-vs-N sweep, ${label}`,
      msPerCall: result.runtimeMs,
      target: { text: "≤ 60000 ms", met: result.runtimeMs <= 60_000 },
      note: `slopes: ${slopes.join(", ")}`,
    });
  }
};

/**
 * Speed of the induced-mfg package: N-player simulation (agent-steps per second, one core) and the
 * exact N-player exploitability bracket for SIS at N = 1000.
 */
import { createRandomStream } from "@mfkit/core";
import { createEnvironment, solve, uniformPolicy } from "@mfkit/mean-field";
import type { Bench } from "../../../test/bench/harness.js";
import {
  exploitabilityBracket,
  fromMeanFieldGame,
  heterogeneousGame,
  NPlayerSimulator,
} from "../src/index.js";

export default async (bench: Bench) => {
  const sis = createEnvironment("susceptible_infected", {});
  const pi = uniformPolicy(sis);
  const N = 100_000;
  const steps = N * (sis.horizon + 1);
  for (const [label, game] of [
    ["SIS symmetric", fromMeanFieldGame(sis, N)],
    [
      "SIS heterogeneous (affine, 1e5 types)",
      heterogeneousGame("susceptible_infected", { nAgents: N, uMax: 0.1, vMax: 0.2 }),
    ],
  ] as const) {
    const sim = new NPlayerSimulator(game);
    const cum = sim.preparePolicies([pi]);
    const rng = createRandomStream(1, 0);
    bench.measure(`simulate ${label}, N = 1e5, T = 50`, () => sim.runEpisode(rng, cum), {
      unitsPerCall: steps,
      unit: "agent-steps",
      minPerSecond: 2e7,
      minTimeMs: 1500,
      warmupMs: 300,
    });
  }
  const bar = createEnvironment("beach_bar", {});
  const barGame = fromMeanFieldGame(bar, N);
  const barSim = new NPlayerSimulator(barGame);
  const barCum = barSim.preparePolicies([uniformPolicy(bar)]);
  const barRng = createRandomStream(2, 0);
  bench.measure("simulate beach_bar symmetric, N = 1e5, T = 2", () => barSim.runEpisode(barRng, barCum), {
    unitsPerCall: N * (bar.horizon + 1),
    unit: "agent-steps",
    minPerSecond: 2e7,
    minTimeMs: 1000,
  });

  const eq = solve(sis, {
    algorithm: "pmd",
    tau: 0.01,
    eta: 0.5,
    maxIterations: 300,
    atol: null,
    rtol: null,
  }).bestPolicy;
  const game1000 = fromMeanFieldGame(sis, 1000);
  bench.measure(
    "exact bracket SIS, N = 1000, T = 50 (mean-field equilibrium policy)",
    () => exploitabilityBracket(game1000, { policy: eq, mfg: sis }),
    { maxMsPerCall: 1000, minTimeMs: 3000, warmupMs: 1000 },
  );
};

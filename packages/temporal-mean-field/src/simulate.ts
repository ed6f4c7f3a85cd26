/**
 * Finite-N simulation drivers over the two simulators: the agent-by-agent reference and the
 * count-based exact simulator. A run of a horizon-T game has T + 1 decision epochs t = 0..T:
 * μ̂_t is recorded before step t and the population's reward R_t at each epoch, giving the
 * per-agent return Ĵ^N = Σ_t γ^t R_t / N (the finite-N counterpart of Σ_o μ0(o) V_0(o)).
 */
import { createRandomStream, type RandomStream } from "@mfkit/core";
import { AgentPopulation } from "./agent-simulation.js";
import { CountPopulation } from "./count-simulation.js";
import type { Activation, TemporalMeanFieldGame, TmfPolicy } from "./model.js";

/** Which simulator to use; `auto` = count-based unless the activation is round-robin. */
export type SimulatorKind = "agent" | "count" | "auto";

/** A population stepped in place (either simulator). */
export interface Population {
  readonly counts: Float64Array;
  readonly populationSize: number;
  step(policy: TmfPolicy, random: RandomStream): number;
}

/** Creates a population of N agents at the rounded μ0 with the chosen simulator. */
export function createPopulation(
  game: TemporalMeanFieldGame,
  populationSize: number,
  activation: Activation,
  simulator: SimulatorKind = "auto",
): Population {
  const kind = simulator === "auto" ? (activation.kind === "roundRobin" ? "agent" : "count") : simulator;
  return kind === "agent"
    ? new AgentPopulation(game, populationSize, activation)
    : new CountPopulation(game, populationSize, activation);
}

/** Options of {@link simulatePopulation}. */
export interface SimulateOptions {
  populationSize: number;
  activation: Activation;
  /** Number of global steps (default: the game's horizon T; T + 1 epochs are played). */
  steps?: number;
  seed?: number | string;
  /** Stream index (one per replicate). */
  streamIndex?: number;
  simulator?: SimulatorKind;
}

/** One finite-N run: μ̂_t, the reward per agent at each epoch and Ĵ^N. */
export interface SimulationResult {
  /** μ̂_t for t = 0..steps, flat `[t·|O| + o]`. */
  empirical: Float64Array;
  /** Population reward per agent R_t/N at each epoch t = 0..steps. */
  rewardPerAgent: Float64Array;
  /** Ĵ^N = Σ_t γ^t R_t / N. */
  returnPerAgent: number;
}

/** Simulates one run of N agents under `policy`; see the module comment for the epoch convention. */
export function simulatePopulation(
  game: TemporalMeanFieldGame,
  policy: TmfPolicy,
  options: SimulateOptions,
): SimulationResult {
  const steps = options.steps ?? game.horizon;
  const random = createRandomStream(options.seed ?? 0, options.streamIndex ?? 0);
  const population = createPopulation(game, options.populationSize, options.activation, options.simulator);
  const nO = game.nObs;
  const n = options.populationSize;
  const empirical = new Float64Array((steps + 1) * nO);
  const rewardPerAgent = new Float64Array(steps + 1);
  let discount = 1;
  let returnPerAgent = 0;
  for (let t = 0; t <= steps; t++) {
    for (let o = 0; o < nO; o++) empirical[t * nO + o] = population.counts[o] / n;
    const reward = population.step(policy, random) / n;
    rewardPerAgent[t] = reward;
    returnPerAgent += discount * reward;
    discount *= game.discount;
  }
  return { empirical, rewardPerAgent, returnPerAgent };
}

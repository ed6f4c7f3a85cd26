/**
 * Cost of one reward() + transitionValues() call of every built-in environment at its defaults, at the
 * uniform mean field (and of the spec-built left_right / SIS, which evaluate mathjs expressions).
 */
import type { Bench } from "../../../test/bench/harness.js";
import { createEnvironment, environmentNames } from "../src/environments/registry.js";
import type { MeanFieldGame } from "../src/model.js";
import { environmentFromSpecOrThrow } from "../src/spec/environment-spec.js";

function measureGame(bench: Bench, label: string, game: MeanFieldGame): void {
  const size = game.nStates * game.nActions;
  const L = new Float64Array(size).fill(1 / size);
  const rewards = new Float64Array(size);
  const values = new Float64Array(game.transitionPattern.col.length);
  const t = Math.min(1, game.horizon);
  bench.measure(
    `${label} (S=${game.nStates}, A=${game.nActions}, nnz=${values.length})`,
    () => {
      game.reward(t, L, rewards);
      game.transitionValues(t, L, values);
    },
    { unitsPerCall: 1, unit: "calls", note: "reward()+transitionValues()" },
  );
}

export default async (bench: Bench): Promise<void> => {
  for (const name of environmentNames()) measureGame(bench, name, createEnvironment(name));
  measureGame(
    bench,
    "crowd_modelling compat",
    createEnvironment("crowd_modelling", { openspielCompat: true }),
  );
  measureGame(
    bench,
    "spec: susceptible_infected",
    environmentFromSpecOrThrow({
      horizon: 50,
      states: ["S", "I"],
      actions: ["out", "distance"],
      mu0: [0.4, 0.6],
      reward: [
        [0, -0.5],
        [-1, -1.5],
      ],
      transition: [
        { from: "S", action: "out", to: "S", p: "1 - 0.81 * mu(1)" },
        { from: "S", action: "out", to: "I", p: "0.81 * mu(1)" },
        { from: "S", action: "distance", to: "S" },
        { from: "I", to: "S", p: 0.3 },
        { from: "I", to: "I", p: 0.7 },
      ],
    }),
  );
  measureGame(
    bench,
    "spec: beach bar style (mu-dependent reward, 20 states)",
    environmentFromSpecOrThrow({
      horizon: 5,
      states: 20,
      actions: 3,
      reward: "-min(abs(s - 10), nS - abs(s - 10)) - (a != 1) / nS - log(mu(s) + 1e-20)",
      transition: [
        { to: "clip(s + a - 2, 0, nS - 1)", p: 0.25 },
        { to: "clip(s + a - 1, 0, nS - 1)", p: 0.5 },
        { to: "clip(s + a, 0, nS - 1)", p: 0.25 },
      ],
    }),
  );
};

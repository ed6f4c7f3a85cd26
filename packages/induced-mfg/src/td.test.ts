import { createRandomStream } from "@mfkit/core";
import { createEnvironment, uniformPolicy } from "@mfkit/mean-field";
import { describe, expect, it } from "vitest";
import { createNPlayerGame, fromMeanFieldGame } from "./game.js";
import { inducedMeanFieldGame } from "./induced.js";
import { learnPMD } from "./pmd.js";
import { simulate } from "./simulate.js";
import { pooledTD, qError } from "./td.js";

describe("pooled TD", () => {
  it("the pooled-count sweep equals naive per-sample 1/n TD (backward sweep, all agents)", () => {
    const base = createEnvironment("beach_bar", {});
    const game = fromMeanFieldGame(base, 7);
    const S = base.nStates;
    const A = base.nActions;
    const T = base.horizon;
    const tau = 0.3;
    // A non-uniform policy bounded away from 0.
    const pi = new Float64Array((T + 1) * S * A);
    const rng = createRandomStream(5);
    for (let row = 0; row < (T + 1) * S; row++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += pi[row * A + a] = 0.2 + rng.next();
      for (let a = 0; a < A; a++) pi[row * A + a] = pi[row * A + a]! / s;
    }
    const episodes = 4;
    const fast = pooledTD(game, pi, { episodes, seed: 9, tau });
    // Naive: record every transition, then sweep sample by sample.
    const Q = new Float64Array(fast.Q.length);
    const n = new Float64Array(fast.Q.length);
    const eps: { z: number; r: number; next: number }[][][] = [];
    let cur: { z: number; r: number; next: number }[][] = [];
    simulate(game, {
      policies: pi,
      episodes,
      seed: 9,
      pooled: false,
      observe: (t, states, actions, rewards, next) => {
        if (t === 0) {
          cur = [];
          eps.push(cur);
        }
        cur.push(
          Array.from(states, (s, i) => ({
            z: s * A + actions[i]!,
            r: rewards[i]!,
            next: next ? next[i]! : -1,
          })),
        );
      },
    });
    for (const ep of eps) {
      for (let t = T; t >= 0; t--) {
        for (const { z, r, next } of ep[t]!) {
          let y = r;
          if (t < T) {
            for (let a = 0; a < A; a++) {
              const p = pi[((t + 1) * S + next) * A + a]!;
              y += p * (Q[((t + 1) * S + next) * A + a]! - tau * Math.log(p));
            }
          }
          const c = t * S * A + z;
          n[c] = n[c]! + 1;
          Q[c] = Q[c]! + (y - Q[c]!) / n[c]!;
        }
      }
    }
    for (let j = 0; j < Q.length; j++) expect(fast.Q[j]).toBeCloseTo(Q[j]!, 11);
    expect(Array.from(fast.n)).toEqual(Array.from(n));
  });

  it("is unbiased on a decoupled game: the error keeps falling with more episodes", () => {
    // Rewards and transitions ignore σ: the N-player value is the MDP value for every N.
    const S = 3;
    const A = 2;
    const rowPtr = Int32Array.from({ length: S * A + 1 }, (_, r) => r * S);
    const col = Int32Array.from({ length: S * A * S }, (_, k) => k % S);
    const game = createNPlayerGame({
      name: "mdp",
      nAgents: 10,
      horizon: 3,
      nStates: S,
      nActions: A,
      mu0: [0.5, 0.3, 0.2],
      transitionPattern: { rowPtr, col },
      nParams: 0,
      dependsOnPopulation: { reward: false, transition: false },
      reward: (t, _s, _th, out) => {
        for (let z = 0; z < S * A; z++) out[z] = Math.sin(z + t);
      },
      transitionValues: (_t, _s, _th, out) => {
        for (let z = 0; z < S * A; z++) {
          const w = [1 + z, 2, 3 - (z % 3)];
          const tot = w[0]! + w[1]! + w[2]!;
          for (let s = 0; s < S; s++) out[z * S + s] = w[s]! / tot;
        }
      },
    });
    const mfg = inducedMeanFieldGame(game);
    const pi = uniformPolicy(mfg);
    const e1 = qError(mfg, pi, pooledTD(game, pi, { episodes: 30, seed: 1, tau: 0.1 }).Q, 0.1);
    const e2 = qError(mfg, pi, pooledTD(game, pi, { episodes: 3000, seed: 1, tau: 0.1 }).Q, 0.1);
    expect(e2).toBeLessThan(e1 / 4);
    expect(e2).toBeLessThan(0.02);
  });

  it("on beach_bar the error has a bias floor that does not shrink with episodes but shrinks with N", () => {
    const base = createEnvironment("beach_bar", {});
    const pi = uniformPolicy(base);
    const err = (N: number, M: number) => {
      const game = fromMeanFieldGame(base, N);
      return qError(
        inducedMeanFieldGame(game),
        pi,
        pooledTD(game, pi, { episodes: M, seed: 2, tau: 0.1 }).Q,
        0.1,
      );
    };
    const small300 = err(5, 300);
    const small3000 = err(5, 3000);
    expect(small3000).toBeGreaterThan(0.4);
    expect(Math.abs(small3000 - small300)).toBeLessThan(0.15 * small3000);
    expect(err(200, 300)).toBeLessThan(small3000 / 4);
  });
});

describe("PMD", () => {
  it("with exact Q on the induced left_right MFG reaches the τ-equilibrium (exploitability ≤ τ(T+1)log|A|)", () => {
    const game = fromMeanFieldGame(createEnvironment("left_right", {}), 1000);
    const r = learnPMD(game, { estimator: "exact", eta: 0.5, tau: 0.1, iterations: 200, evalEvery: 10 });
    const last = r.exploitability.filter((e) => !Number.isNaN(e)).at(-1)!;
    expect(last).toBeLessThanOrEqual(0.1 * 2 * Math.log(2));
    expect(last).toBeLessThan(r.exploitability[0]!);
  });

  it("driven by pooled TD it tracks exact-Q PMD on beach_bar; independent learners do worse on the same budget", () => {
    const game = fromMeanFieldGame(createEnvironment("beach_bar", {}), 200);
    const common = { eta: 0.5, tau: 0.1, iterations: 30, evalEvery: 30, seed: 4, episodesPerIteration: 20 };
    const exact = learnPMD(game, { ...common, estimator: "exact" });
    const pooled = learnPMD(game, { ...common, estimator: "pooled-td" });
    const indep = learnPMD(game, { ...common, estimator: "independent" });
    const ex = exact.exploitability.at(-1)!;
    const po = pooled.exploitability.at(-1)!;
    const ind = indep.exploitability.at(-1)!;
    expect(Math.abs(po - ex)).toBeLessThan(0.05);
    expect(ind).toBeGreaterThan(po);
    expect(pooled.agentSteps).toBe(30 * 20 * 200 * 3);
  });
});

/**
 * The library's reference problem (test/reference/prisoners-dilemma-4): the homogenized ODE of two
 * independent softmax-ε Q-learners in a 4-state memory-one prisoner's dilemma, 16 dimensions over
 * [0, 1000] on the iteration clock. Its drift is written out here from the design note
 * (homogenization.md §2–§3), independently of the markov-game package:
 *
 *     dQ_i[s, b]/dt = α Σ_{a: a_i = b} ν(s) π(a|s) (R_i(s, a) + γ Σ_{s'} T(s, a, s') max_c Q_i[s', c] − Q_i[s, b]),
 *
 * π^i(·|s) = (1 − ε)·softmax(Q_i[s, ·]/τ) + ε/2 and ν the stationary law of K(s, s') = Σ_a π(a|s) T(s, a, s').
 * The expected values were computed at rtol = atol = 1e-11; the defaults must reproduce them to 1e-6.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { luFactor, luSolve } from "./lu.js";
import { solveOde } from "./solve.js";
import type { OdeMethod, OdeRhs } from "./types.js";

const dir = resolve(import.meta.dirname, "../../../../test/reference/prisoners-dilemma-4");

interface Spec {
  game: { rewards: number[][][][]; transitions: number[][][][] };
  learners: { alpha: number; gamma: number; tau: number; epsilon: number; init: number[][] }[];
  horizon: number;
  evalTimes: number[];
}

/** Drift of the two-player, two-action game; x = [Q_1 (4×2), Q_2 (4×2)] flat. */
function makeDrift(spec: Spec): OdeRhs {
  const S = 4;
  const { rewards, transitions } = spec.game;
  const [l1, l2] = spec.learners;
  const pol = new Float64Array(2 * S * 2); // pol[(i*S + s)*2 + b]
  const K = new Float64Array(S * S);
  const M = new Float64Array(S * S);
  const piv = new Int32Array(S);
  const nu = new Float64Array(S);
  const maxQ = new Float64Array(2 * S);
  const learners = [l1, l2];
  return (_t, x, dx) => {
    for (let i = 0; i < 2; i++) {
      const { tau, epsilon } = learners[i];
      for (let s = 0; s < S; s++) {
        const q0 = x[(i * S + s) * 2];
        const q1 = x[(i * S + s) * 2 + 1];
        const m = Math.max(q0, q1);
        const e0 = Math.exp((q0 - m) / tau);
        const e1 = Math.exp((q1 - m) / tau);
        pol[(i * S + s) * 2] = (1 - epsilon) * (e0 / (e0 + e1)) + epsilon / 2;
        pol[(i * S + s) * 2 + 1] = (1 - epsilon) * (e1 / (e0 + e1)) + epsilon / 2;
        maxQ[i * S + s] = m;
      }
    }
    // K(s, s') and its stationary law: (K − I)ᵀ ν = 0 with the last equation replaced by Σ ν = 1.
    K.fill(0);
    for (let s = 0; s < S; s++) {
      for (let a1 = 0; a1 < 2; a1++) {
        for (let a2 = 0; a2 < 2; a2++) {
          const p = pol[s * 2 + a1] * pol[(S + s) * 2 + a2];
          for (let s2 = 0; s2 < S; s2++) K[s * S + s2] += p * transitions[s][a1][a2][s2];
        }
      }
    }
    for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) M[r * S + c] = K[c * S + r] - (r === c ? 1 : 0);
    for (let c = 0; c < S; c++) M[(S - 1) * S + c] = 1;
    nu.fill(0);
    nu[S - 1] = 1;
    luFactor(M, S, piv);
    luSolve(M, S, piv, nu);
    dx.fill(0);
    for (let s = 0; s < S; s++) {
      for (let a1 = 0; a1 < 2; a1++) {
        for (let a2 = 0; a2 < 2; a2++) {
          const w = nu[s] * pol[s * 2 + a1] * pol[(S + s) * 2 + a2];
          for (let i = 0; i < 2; i++) {
            const { alpha, gamma } = learners[i];
            let cont = 0;
            for (let s2 = 0; s2 < S; s2++) cont += transitions[s][a1][a2][s2] * maxQ[i * S + s2];
            const b = i === 0 ? a1 : a2;
            const idx = (i * S + s) * 2 + b;
            dx[idx] += alpha * w * (rewards[s][a1][a2][i] + gamma * cont - x[idx]);
          }
        }
      }
    }
  };
}

describe("reference problem: prisoner's dilemma, two Q-learners (16-dim)", () => {
  const spec = JSON.parse(readFileSync(resolve(dir, "spec.json"), "utf8")) as Spec;
  const expected = JSON.parse(readFileSync(resolve(dir, "expected-ode.json"), "utf8")) as {
    t: number[];
    params: number[][][][];
  };

  // maxStep 10 forces a different (denser) step pattern: the accuracy must not depend on a lucky one.
  it.each([
    ["dopri5", undefined],
    ["rosenbrock", undefined],
    ["dopri5", 10],
  ] as [OdeMethod, number | undefined][])(
    "%s with default tolerances (maxStep %s) matches to 1e-6",
    (method, maxStep) => {
      const s = spec;
      const e = expected;
      const x0 = [...s.learners[0].init.flat(), ...s.learners[1].init.flat()];
      const sol = solveOde(makeDrift(s), [0, s.horizon], x0, { method, evalTimes: s.evalTimes, maxStep });
      expect(sol.status).toBe("success");
      expect(sol.t).toEqual(e.t);
      let maxErr = 0;
      for (let k = 0; k < e.t.length; k++) {
        const want = [...e.params[0][k].flat(), ...e.params[1][k].flat()];
        for (let j = 0; j < 16; j++) maxErr = Math.max(maxErr, Math.abs(sol.y[k][j] - want[j]));
      }
      console.info(
        `reference problem, ${method} defaults: max error ${maxErr.toExponential(2)}, ${JSON.stringify(sol.stats)}`,
      );
      expect(maxErr).toBeLessThan(1e-6);
    },
  );
});

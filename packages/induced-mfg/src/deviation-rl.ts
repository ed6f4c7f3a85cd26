/**
 * Best-response-by-RL lower bound on N-player exploitability (docs/induced-mfg.md §8), for large or
 * heterogeneous games where the exact bracket does not apply.
 *
 * Training: tabular Q-learning on (t, s) for a deviation of agent i against N − 1 frozen agents on π.
 * To get enough samples, the k agents whose θ is nearest to θ_i (i included, k ≪ N) explore
 * ε-greedily with one shared Q table (backward sweep, 1/n steps, target r + max_a' Q_{t+1}(s', a')).
 * Evaluation: only agent i deviates, to the better of the learned greedy policy and the mean-field best
 * response (chosen on a separate 20% of the evaluation episodes); the gain J^i(π', π^{−i}) − J^i(π) is
 * estimated with paired episodes on common random numbers. Any deviation's gain is a lower bound on
 * E^i_G, so the estimate and its one-sided lower confidence limit are lower bounds (estimated).
 */
import { createRandomStream, MfkitError, normalQuantile } from "@mfkit/core";
import type { MeanFieldGame, TabularPolicy } from "@mfkit/mean-field";
import { meanFieldBestResponse } from "./bracket.js";
import type { NPlayerGame } from "./game.js";
import { inducedMeanFieldGame } from "./induced.js";
import { NPlayerSimulator } from "./simulate.js";

/** Options of the learned (Q-learning or mean-field best-response) unilateral deviation estimate. */
export interface RLDeviationOptions {
  policy: TabularPolicy;
  /** Deviators (default: agent 0 and the agents with the smallest and largest θ_1). */
  agents?: readonly number[];
  /** Training episodes (default 200). */
  trainEpisodes?: number;
  /** Paired evaluation episodes (default 400). */
  evalEpisodes?: number;
  /** Learners sharing the Q table during training (default min(⌈N/20⌉, 50)). */
  learners?: number;
  /** ε of the ε-greedy exploration (default 0.2). */
  exploration?: number;
  /** One-sided confidence of the reported lower limit (default 0.95). */
  confidence?: number;
  /** MFG for the mean-field best-response candidate (default: nearest-grid induced MFG). */
  mfg?: MeanFieldGame;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** One deviator's estimated gain J^i(π_dev, π^{−i}) − J^i(π) from paired evaluation episodes. */
export interface RLAgentDeviation {
  agent: number;
  /** Estimated gain of the chosen deviation (a lower bound on E^i_G, estimated). */
  gain: number;
  standardError: number;
  /** gain − z·SE: a lower confidence limit for the gain. */
  lowerConfidence: number;
  candidate: "q-learning" | "mean-field-best-response";
  episodes: number;
}

/** The per-agent gains and their maxima: an estimated lower bound on E_G(π,…,π). */
export interface RLDeviationResult {
  perAgent: RLAgentDeviation[];
  /** max over agents of the gain estimates. */
  estimate: number;
  /** max over agents of the lower confidence limits. */
  lowerConfidence: number;
  confidence: number;
}

function greedyInto(Q: Float64Array, A: number, epsilon: number, out: Float64Array): void {
  for (let off = 0; off < Q.length; off += A) {
    let best = 0;
    for (let a = 1; a < A; a++) if (Q[off + a]! > Q[off + best]!) best = a;
    for (let a = 0; a < A; a++) out[off + a] = epsilon / A + (a === best ? 1 - epsilon : 0);
  }
}

function defaultAgents(game: NPlayerGame): number[] {
  const P = game.nParams;
  const set = new Set<number>([0]);
  if (P > 0) {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < game.nAgents; i++) {
      if (game.params[i * P]! < game.params[lo * P]!) lo = i;
      if (game.params[i * P]! > game.params[hi * P]!) hi = i;
    }
    set.add(lo);
    set.add(hi);
  }
  return [...set];
}

/** Estimates a lower bound on N-player exploitability by RL best responses of single agents. */
export function rlDeviationBound(game: NPlayerGame, options: RLDeviationOptions): RLDeviationResult {
  const N = game.nAgents;
  const S = game.nStates;
  const A = game.nActions;
  const T = game.horizon;
  const P = game.nParams;
  const size = (T + 1) * S * A;
  const trainEpisodes = options.trainEpisodes ?? 200;
  const evalEpisodes = options.evalEpisodes ?? 400;
  const epsilon = options.exploration ?? 0.2;
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0.5 && confidence < 1)) {
    throw new MfkitError("invalid-argument", `confidence must be in (0.5, 1), got ${confidence}`, [
      "confidence",
    ]);
  }
  if (!Number.isInteger(evalEpisodes) || evalEpisodes < 10) {
    throw new MfkitError("invalid-argument", `evalEpisodes must be an integer ≥ 10`, ["evalEpisodes"]);
  }
  const k = Math.max(1, Math.min(N - 1, options.learners ?? Math.min(Math.ceil(N / 20), 50)));
  const agents = options.agents ?? defaultAgents(game);
  const seed = options.seed ?? 1;
  const z = normalQuantile(confidence);
  const pi = options.policy;
  const mfBR = meanFieldBestResponse(options.mfg ?? inducedMeanFieldGame(game), pi);
  const sim = new NPlayerSimulator(game);
  const perAgent: RLAgentDeviation[] = [];
  const totalWork = agents.length * (trainEpisodes + evalEpisodes);
  let work = 0;
  for (const [ai, i] of agents.entries()) {
    if (!Number.isInteger(i) || i < 0 || i >= N) {
      throw new MfkitError("invalid-argument", `agent ${i} is not in 0..${N - 1}`, ["agents"]);
    }
    // Learners: the k agents nearest to θ_i.
    const order = Array.from({ length: N }, (_, j) => j);
    const dist = (j: number) => {
      let d = 0;
      for (let p = 0; p < P; p++) d += (game.params[j * P + p]! - game.params[i * P + p]!) ** 2;
      return d;
    };
    order.sort((x, y) => (x === i ? -1 : y === i ? 1 : dist(x) - dist(y) || x - y));
    const learners = order.slice(0, k);
    const isLearner = new Uint8Array(N);
    for (const j of learners) isLearner[j] = 1;
    const policyOf = new Int32Array(N);
    for (const j of learners) policyOf[j] = 1;
    const Q = new Float64Array(size);
    const n = new Float64Array(size);
    const explore = new Float64Array(size).fill(1 / A);
    const rng = createRandomStream(seed, 1000 + ai);
    const cells = new Int32Array((T + 1) * k);
    const rewards = new Float64Array((T + 1) * k);
    const nexts = new Int32Array((T + 1) * k);
    for (let e = 0; e < trainEpisodes; e++) {
      if (options.signal?.aborted) break;
      if (e > 0) greedyInto(Q, A, epsilon, explore);
      const cum = sim.preparePolicies([pi, explore]);
      sim.runEpisode(rng, cum, policyOf, undefined, (t, states, actions, r, next) => {
        for (let l = 0; l < k; l++) {
          const j = learners[l]!;
          cells[t * k + l] = states[j]! * A + actions[j]!;
          rewards[t * k + l] = r[j]!;
          if (next !== undefined) nexts[t * k + l] = next[j]!;
        }
      });
      for (let t = T; t >= 0; t--) {
        for (let l = 0; l < k; l++) {
          let y = rewards[t * k + l]!;
          if (t < T) {
            const off = ((t + 1) * S + nexts[t * k + l]!) * A;
            let m = Q[off]!;
            for (let a = 1; a < A; a++) m = Math.max(m, Q[off + a]!);
            y += m;
          }
          const c = t * S * A + cells[t * k + l]!;
          n[c] = n[c]! + 1;
          Q[c] = Q[c]! + (y - Q[c]!) / n[c]!;
        }
      }
      work += 1;
      options.onProgress?.(work, totalWork);
    }
    const learned = new Float64Array(size);
    greedyInto(Q, A, 0, learned);
    // Paired evaluation: agent i alone deviates.
    const devOf = new Int32Array(N);
    devOf[i] = 1;
    const paired = (dev: TabularPolicy, stream: number) => {
      const cumDev = sim.preparePolicies([pi, dev]);
      const r1 = createRandomStream(seed, stream);
      sim.runEpisode(r1, cumDev, devOf);
      const withDev = sim.returns[i]!;
      const r2 = createRandomStream(seed, stream);
      sim.runEpisode(r2, cumDev, undefined);
      return withDev - sim.returns[i]!;
    };
    const select = Math.max(2, Math.floor(evalEpisodes / 5));
    let sLearned = 0;
    let sBR = 0;
    for (let e = 0; e < select; e++) {
      sLearned += paired(learned, 10_000_000 + e);
      sBR += paired(mfBR, 10_000_000 + e);
      work += 1;
      options.onProgress?.(work, totalWork);
    }
    const useLearned = sLearned > sBR;
    const chosen = useLearned ? learned : mfBR;
    let sum = 0;
    let sq = 0;
    let m = 0;
    for (let e = select; e < evalEpisodes; e++) {
      if (options.signal?.aborted && m >= 2) break;
      const g = paired(chosen, 10_000_000 + e);
      sum += g;
      sq += g * g;
      m += 1;
      work += 1;
      options.onProgress?.(work, totalWork);
    }
    const mean = sum / m;
    const se = Math.sqrt(Math.max(0, sq / m - mean * mean) / Math.max(1, m - 1));
    perAgent.push({
      agent: i,
      gain: mean,
      standardError: se,
      lowerConfidence: mean - z * se,
      candidate: useLearned ? "q-learning" : "mean-field-best-response",
      episodes: m,
    });
  }
  return {
    perAgent,
    estimate: Math.max(...perAgent.map((a) => a.gain)),
    lowerConfidence: Math.max(...perAgent.map((a) => a.lowerConfidence)),
    confidence,
  };
}

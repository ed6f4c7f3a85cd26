/**
 * Exact N-player exploitability bracket (docs/induced-mfg.md §8) for games whose rewards and
 * transitions read σ only through its state marginal μ, with all other agents on π.
 *
 * The deviator's problem is a Markov chain on (t, own state, counts of the others): others of a type
 * are exchangeable, and their next counts are a convolution of multinomials (binomials when |S| = 2).
 * On that chain, by backward induction:
 * - J^i(π)          the value of playing π (the policy's own value);
 * - lower bound     max(0, J^i(π_dev, π^{−i}) − J^i(π)) for the mean-field best response π_dev to Γ(π)
 *                   (greedy in Q* of the induced MFG, ties split evenly), a local policy;
 * - upper bound     V_full − J^i(π), V_full the best response that also sees the others' current
 *                   counts (not their actions) before acting — at least as good as any local policy.
 * Exploitability is unregularised. The reach of the chain is pruned at a probability bound: states
 * whose probability, under any deviator behaviour, is below `threshold` are dropped (`droppedMass`).
 */
import { MfkitError } from "@mfkit/core";
import {
  bestResponseValues,
  forwardFlow,
  greedyPolicy,
  type MeanFieldGame,
  type TabularPolicy,
} from "@mfkit/mean-field";
import { binomialSumInto, binomialWindowInto, createBinomialWindow } from "./binomial.js";
import { agentTypes, type NPlayerGame } from "./game.js";
import { inducedMeanFieldGame } from "./induced.js";

/** Options of the exact N-player exploitability bracket (the policy everyone plays, the deviation, pruning). */
export interface BracketOptions {
  /** π, played by everyone (the N − 1 others throughout). */
  policy: TabularPolicy;
  /** The lower-bound deviation (default: greedy mean-field best response to Γ(π) in `mfg`). */
  deviation?: TabularPolicy;
  /** The MFG for the default deviation (default: the nearest-grid induced MFG). */
  mfg?: MeanFieldGame;
  /** Deviators to examine (default: one agent of each type). */
  agents?: readonly number[];
  /** Reach-probability pruning threshold (default 1e-12). */
  threshold?: number;
  /** Refuse chains with more count states than this in one epoch (default 400 000). */
  maxStatesPerEpoch?: number;
  /** Use the general multinomial chain even when |S| = 2 (a cross-check of the binomial path). */
  forceMultinomial?: boolean;
}

/** The bracket of one deviator. */
export interface AgentBracket {
  agent: number;
  /** J^i(π). */
  value: number;
  /** J^i(π_dev, π^{−i}). */
  deviationValue: number;
  /** Full-information best-response value. */
  fullInformationValue: number;
  lower: number;
  upper: number;
}

/** lower ≤ E_G(π,…,π) ≤ upper over the examined deviators, with the count chain's size and pruned mass. */
export interface BracketResult {
  /** max over examined agents of the lower bounds: E_G ≥ lower. */
  lower: number;
  /** max over examined agents of the upper bounds: E_G ≤ upper (when every type was examined). */
  upper: number;
  perAgent: AgentBracket[];
  /** Largest count-state set of one epoch. */
  maxStates: number;
  /**
   * Bound on the probability, per epoch, of moving into a pruned count state (reach bound × mass lost
   * by the kernel); the values are exact up to about droppedMass·(T+1)²·(reward range).
   */
  droppedMass: number;
  method: "binomial" | "multinomial";
}

interface Chain {
  /** Per epoch: number of count states and their keys. */
  keys: Float64Array[];
  /** Initial probabilities of level 0. */
  initial: Float64Array;
  /** Per epoch t < T: offsets[(j·S + sOwn)] .. offsets[+1] into idx/prob (indices into level t+1). */
  offsets: Int32Array[];
  idx: Int32Array[];
  prob: Float64Array[];
  /** Decodes a key into the state marginal μ with the deviator at sOwn. */
  marginal: (key: number, sOwn: number, out: Float64Array) => void;
  droppedMass: number;
  method: "binomial" | "multinomial";
}

class Growable {
  idx = new Float64Array(1024);
  prob = new Float64Array(1024);
  length = 0;
  push(key: number, p: number): void {
    if (this.length === this.idx.length) {
      const i2 = new Float64Array(this.idx.length * 2);
      i2.set(this.idx);
      this.idx = i2;
      const p2 = new Float64Array(this.prob.length * 2);
      p2.set(this.prob);
      this.prob = p2;
    }
    this.idx[this.length] = key;
    this.prob[this.length] = p;
    this.length += 1;
  }
}

/** σ(s, a) = μ(s)·π_t(a|s): the expected profile (only μ matters for state-dependent games). */
function sigmaFrom(
  mu: Float64Array,
  pi: TabularPolicy,
  t: number,
  S: number,
  A: number,
  out: Float64Array,
): void {
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) out[s * A + a] = mu[s]! * pi[(t * S + s) * A + a]!;
  }
}

/** One member's next-state law q(s'|s) = Σ_a π_t(a|s) P(s'|s,a,σ; θ) as a dense S×S matrix. */
function memberKernel(
  game: NPlayerGame,
  t: number,
  sigma: Float64Array,
  theta: Float64Array,
  pi: TabularPolicy,
  trans: Float64Array,
  out: Float64Array,
): void {
  const S = game.nStates;
  const A = game.nActions;
  const { rowPtr, col } = game.transitionPattern;
  game.transitionValues(t, sigma, theta, trans);
  out.fill(0);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      const w = pi[(t * S + s) * A + a]!;
      if (w === 0) continue;
      const r = s * A + a;
      for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++)
        out[s * S + col[k]!] = out[s * S + col[k]!]! + w * trans[k]!;
    }
  }
}

function buildChain(
  game: NPlayerGame,
  pi: TabularPolicy,
  classes: { theta: Float64Array; size: number }[],
  threshold: number,
  maxStates: number,
  forceMultinomial: boolean,
): Chain {
  const S = game.nStates;
  const A = game.nActions;
  const T = game.horizon;
  const N = game.nAgents;
  const K = S * A;
  const nnz = game.transitionPattern.col.length;
  const mu = new Float64Array(S);
  const sigma = new Float64Array(K);
  const trans = new Float64Array(nnz);
  const C = classes.length;
  const q = classes.map(() => new Float64Array(S * S));
  const dense = S === 2 && C === 1 && !forceMultinomial;
  const keys: Float64Array[] = [];
  const offsets: Int32Array[] = [];
  const idxs: Int32Array[] = [];
  const probs: Float64Array[] = [];
  let droppedMass = 0;
  const lost = new Float64Array(S);
  // Radix encoding of counts over cells (class c, state s).
  const radix = new Float64Array(C * S);
  let r = 1;
  for (let c = 0; c < C; c++) {
    for (let s = 0; s < S; s++) {
      radix[c * S + s] = r;
      r *= classes[c]!.size + 1;
    }
  }
  if (r > 2 ** 53) {
    throw new MfkitError(
      "invalid-argument",
      "the count chain is too large to encode; use the RL lower bound",
      ["bracket"],
    );
  }
  const decode = (key: number, out: Float64Array) => {
    // out[c·S + s] = count
    let rest = key;
    for (let j = C * S - 1; j >= 0; j--) {
      const v = Math.floor(rest / radix[j]!);
      out[j] = v;
      rest -= v * radix[j]!;
    }
  };
  const cellCounts = new Float64Array(C * S);
  const marginal = dense
    ? (key: number, sOwn: number, out: Float64Array) => {
        out[1] = (key + (sOwn === 1 ? 1 : 0)) / N;
        out[0] = 1 - out[1]!;
      }
    : (key: number, sOwn: number, out: Float64Array) => {
        decode(key, cellCounts);
        out.fill(0);
        for (let c = 0; c < C; c++) for (let s = 0; s < S; s++) out[s] = out[s]! + cellCounts[c * S + s]!;
        out[sOwn] = out[sOwn]! + 1;
        for (let s = 0; s < S; s++) out[s] = out[s]! / N;
      };

  const store = new Growable();
  const winA = createBinomialWindow(N);
  const winB = createBinomialWindow(N);
  const EPS = 1e-17;

  // Multinomial(n, row) over destinations, as (delta key, prob) pairs, via sequential binomials.
  const multinomial = (
    n: number,
    row: Float64Array,
    rowOff: number,
    cellBase: number,
    out: Map<number, number>,
    scale: number,
  ) => {
    const rec = (d: number, left: number, restMass: number, key: number, p: number) => {
      if (p < EPS) return;
      if (d === S - 1 || left === 0) {
        const k = key + left * radix[cellBase + (left === 0 ? 0 : d)]!;
        out.set(k, (out.get(k) ?? 0) + p * scale);
        return;
      }
      const qd = restMass > 0 ? Math.min(1, row[rowOff + d]! / restMass) : 0;
      const w = binomialWindowInto(left, qd, 1e-18, createBinomialWindow(left));
      for (let j = 0; j < w.length; j++) {
        const x = w.lo + j;
        rec(d + 1, left - x, restMass - row[rowOff + d]!, key + x * radix[cellBase + d]!, p * w.probs[j]!);
      }
    };
    rec(0, n, 1, 0, 1);
  };
  const convolveInto = (acc: Map<number, number>, part: Map<number, number>): Map<number, number> => {
    const out = new Map<number, number>();
    for (const [k1, p1] of acc) {
      for (const [k2, p2] of part) {
        const p = p1 * p2;
        if (p < EPS) continue;
        out.set(k1 + k2, (out.get(k1 + k2) ?? 0) + p);
      }
    }
    return out;
  };

  // Level 0: others' counts ~ per class Multinomial(size, μ0).
  let level: Map<number, number>;
  if (dense) {
    level = new Map<number, number>();
    binomialWindowInto(N - 1, game.mu0[1]!, 1e-17, winA);
    for (let x = 0; x < winA.length; x++) level.set(winA.lo + x, winA.probs[x]!);
  } else {
    const mu0 = new Float64Array(S);
    mu0.set(game.mu0);
    let acc = new Map<number, number>([[0, 1]]);
    for (let c = 0; c < C; c++) {
      const part = new Map<number, number>();
      multinomial(classes[c]!.size, mu0, 0, c * S, part, 1);
      acc = convolveInto(acc, part);
    }
    level = acc;
  }
  const prune = (m: Map<number, number> | Float64Array) => {
    const list: number[] = [];
    if (m instanceof Float64Array) {
      for (let k = 0; k < m.length; k++) if (m[k]! >= threshold) list.push(k);
    } else {
      for (const [k, p] of m) if (p >= threshold) list.push(k);
      list.sort((a, b) => a - b);
    }
    if (list.length > maxStates) {
      throw new MfkitError(
        "invalid-argument",
        `the exact bracket needs ${list.length} count states in one epoch (limit ${maxStates}); use the RL lower bound`,
        ["bracket"],
        { states: list.length, maxStates },
      );
    }
    return Float64Array.from(list);
  };
  let levelKeys = prune(level);
  const initial = Float64Array.from(levelKeys, (k) => level.get(k)!);
  keys.push(levelKeys);
  let levelMass = initial;
  for (let t = 0; t < T; t++) {
    const n = levelKeys.length;
    const off = new Int32Array(n * S + 1);
    store.length = 0;
    const reach = new Map<number, number>();
    const denseReach = dense ? new Float64Array(N) : undefined;
    const maxBuf = dense ? new Float64Array(N) : undefined;
    for (let j = 0; j < n; j++) {
      const key = levelKeys[j]!;
      const localMax = dense ? undefined : new Map<number, number>();
      let touchedLo = N;
      let touchedHi = -1;
      for (let sOwn = 0; sOwn < S; sOwn++) {
        marginal(key, sOwn, mu);
        sigmaFrom(mu, pi, t, S, A, sigma);
        for (let c = 0; c < C; c++) memberKernel(game, t, sigma, classes[c]!.theta, pi, trans, q[c]!);
        if (dense) {
          const k = key;
          const q0 = q[0]!;
          // k' = X + Y: X ~ Bin(#others in 0, q(1|0)), Y ~ Bin(#others in 1, q(1|1)).
          binomialSumInto(N - 1 - k, q0[1]!, k, q0[3]!, winB);
          const lo = winB.lo;
          const len = winB.length;
          for (let d = 0; d < len; d++) {
            const p = winB.probs[d]!;
            if (p < EPS) continue;
            store.push(lo + d, p);
            const kk = lo + d;
            if (p > maxBuf![kk]!) maxBuf![kk] = p;
            if (kk < touchedLo) touchedLo = kk;
            if (kk > touchedHi) touchedHi = kk;
          }
        } else {
          let acc = new Map<number, number>([[0, 1]]);
          const cc = cellCounts;
          decode(key, cc);
          for (let c = 0; c < C; c++) {
            for (let s = 0; s < S; s++) {
              const cnt = cc[c * S + s]!;
              if (cnt === 0) continue;
              const part = new Map<number, number>();
              multinomial(cnt, q[c]!, s * S, c * S, part, 1);
              acc = convolveInto(acc, part);
            }
          }
          for (const [k2, p] of acc) {
            store.push(k2, p);
            if (p > (localMax!.get(k2) ?? 0)) localMax!.set(k2, p);
          }
        }
        off[j * S + sOwn + 1] = store.length;
      }
      const m = levelMass[j]!;
      if (dense) {
        for (let kk = touchedLo; kk <= touchedHi; kk++) {
          denseReach![kk] = denseReach![kk]! + m * maxBuf![kk]!;
          maxBuf![kk] = 0;
        }
      } else {
        for (const [k2, p] of localMax!) reach.set(k2, (reach.get(k2) ?? 0) + m * p);
      }
    }
    const nextKeys = prune(dense ? denseReach! : reach);
    const position = new Map<number, number>();
    const densePosition = dense ? new Int32Array(N).fill(-1) : undefined;
    for (let j = 0; j < nextKeys.length; j++) {
      if (densePosition) densePosition[nextKeys[j]!] = j;
      else position.set(nextKeys[j]!, j);
    }
    const idx = new Int32Array(store.length);
    const prob = new Float64Array(store.length);
    for (let row = 0; row < n * S; row++) {
      const reachOfRow = levelMass[Math.floor(row / S)]!;
      let kept = 0;
      for (let e = off[row]!; e < off[row + 1]!; e++) {
        const pos = densePosition ? densePosition[store.idx[e]!]! : (position.get(store.idx[e]!) ?? -1);
        if (pos < 0) {
          idx[e] = -1;
          prob[e] = 0;
        } else {
          idx[e] = pos;
          prob[e] = store.prob[e]!;
          kept += store.prob[e]!;
        }
      }
      lost[row % S] = lost[row % S]! + reachOfRow * Math.max(0, 1 - kept);
    }
    for (let sOwn = 0; sOwn < S; sOwn++) {
      droppedMass = Math.max(droppedMass, lost[sOwn]!);
      lost[sOwn] = 0;
    }
    offsets.push(off);
    idxs.push(idx);
    probs.push(prob);
    keys.push(nextKeys);
    levelMass = Float64Array.from(nextKeys, (k) => (dense ? denseReach![k]! : reach.get(k)!));
    levelKeys = nextKeys;
  }
  return {
    keys,
    initial,
    offsets,
    idx: idxs,
    prob: probs,
    marginal,
    droppedMass: Math.max(0, droppedMass),
    method: dense ? "binomial" : "multinomial",
  };
}

/** Backward induction on the chain for the three values (π, deviation, full information). */
function chainValues(
  game: NPlayerGame,
  chain: Chain,
  theta: Float64Array,
  pi: TabularPolicy,
  dev: TabularPolicy,
): { value: number; deviationValue: number; fullInformationValue: number } {
  const S = game.nStates;
  const A = game.nActions;
  const K = S * A;
  const T = game.horizon;
  const { rowPtr, col } = game.transitionPattern;
  const nnz = col.length;
  const mu = new Float64Array(S);
  const sigma = new Float64Array(K);
  const R = new Float64Array(K);
  const P = new Float64Array(nnz);
  const W = new Float64Array(3 * S);
  const stride = 3 * S; // values of count state j: [(j·S + s)·3 + x], x = π, deviation, full information
  let next = new Float64Array(0);
  for (let t = T; t >= 0; t--) {
    const levelKeys = chain.keys[t]!;
    const n = levelKeys.length;
    const cur = new Float64Array(stride * n);
    for (let j = 0; j < n; j++) {
      for (let sOwn = 0; sOwn < S; sOwn++) {
        chain.marginal(levelKeys[j]!, sOwn, mu);
        sigmaFrom(mu, pi, t, S, A, sigma);
        game.reward(t, sigma, theta, R);
        W.fill(0);
        if (t < T) {
          game.transitionValues(t, sigma, theta, P);
          const off = chain.offsets[t]!;
          const idx = chain.idx[t]!;
          const prob = chain.prob[t]!;
          for (let e = off[j * S + sOwn]!; e < off[j * S + sOwn + 1]!; e++) {
            const i2 = idx[e]!;
            if (i2 < 0) continue;
            const p = prob[e]!;
            const base = i2 * stride;
            for (let y = 0; y < stride; y++) W[y] = W[y]! + p * next[base + y]!;
          }
        }
        let vPi = 0;
        let vDev = 0;
        let vUp = Number.NEGATIVE_INFINITY;
        for (let a = 0; a < A; a++) {
          const z = sOwn * A + a;
          let q0 = R[z]!;
          let q1 = R[z]!;
          let q2 = R[z]!;
          if (t < T) {
            for (let k = rowPtr[z]!; k < rowPtr[z + 1]!; k++) {
              const p = P[k]!;
              const s2 = col[k]!;
              q0 += p * W[3 * s2]!;
              q1 += p * W[3 * s2 + 1]!;
              q2 += p * W[3 * s2 + 2]!;
            }
          }
          vPi += pi[(t * S + sOwn) * A + a]! * q0;
          vDev += dev[(t * S + sOwn) * A + a]! * q1;
          if (q2 > vUp) vUp = q2;
        }
        const at = (j * S + sOwn) * 3;
        cur[at] = vPi;
        cur[at + 1] = vDev;
        cur[at + 2] = vUp;
      }
    }
    next = cur;
  }
  const n0 = chain.keys[0]!.length;
  const out = [0, 0, 0];
  for (let sOwn = 0; sOwn < S; sOwn++) {
    const w = game.mu0[sOwn]!;
    if (w === 0) continue;
    for (let j = 0; j < n0; j++) {
      const p = w * chain.initial[j]!;
      for (let x = 0; x < 3; x++) out[x] = out[x]! + p * next[(j * S + sOwn) * 3 + x]!;
    }
  }
  return { value: out[0]!, deviationValue: out[1]!, fullInformationValue: out[2]! };
}

function checkPolicyShape(game: NPlayerGame, pi: TabularPolicy, name: string): void {
  const size = (game.horizon + 1) * game.nStates * game.nActions;
  if (!(pi instanceof Float64Array) || pi.length !== size) {
    throw new MfkitError("invalid-shape", `${name} must be a Float64Array of length (T+1)·S·A = ${size}`, [
      name,
    ]);
  }
}

/** The mean-field best response to Γ(π) in `mfg`: greedy in Q*, ties split evenly. */
export function meanFieldBestResponse(mfg: MeanFieldGame, pi: TabularPolicy): TabularPolicy {
  return greedyPolicy(bestResponseValues(mfg, forwardFlow(mfg, pi)).Q, mfg);
}

/** The exact N-player exploitability bracket of everyone playing π. */
export function exploitabilityBracket(game: NPlayerGame, options: BracketOptions): BracketResult {
  if (game.populationDependence !== "state") {
    throw new MfkitError(
      "invalid-argument",
      "the exact bracket needs rewards and transitions that read σ only through μ (populationDependence 'state'); use the RL lower bound",
      ["populationDependence"],
    );
  }
  const pi = options.policy;
  checkPolicyShape(game, pi, "policy");
  const dev = options.deviation ?? meanFieldBestResponse(options.mfg ?? inducedMeanFieldGame(game), pi);
  checkPolicyShape(game, dev, "deviation");
  const types = agentTypes(game);
  const P = game.nParams;
  const agents = options.agents ?? Array.from({ length: types.count }, (_, k) => types.typeOf.indexOf(k));
  const threshold = options.threshold ?? 1e-12;
  const perAgent: AgentBracket[] = [];
  let maxStates = 0;
  let droppedMass = 0;
  let method: "binomial" | "multinomial" = "binomial";
  for (const i of agents) {
    if (!Number.isInteger(i) || i < 0 || i >= game.nAgents) {
      throw new MfkitError("invalid-argument", `agent ${i} is not in 0..${game.nAgents - 1}`, ["agents"]);
    }
    const size = Int32Array.from(types.size);
    size[types.typeOf[i]!] = size[types.typeOf[i]!]! - 1;
    const classes: { theta: Float64Array; size: number }[] = [];
    for (let k = 0; k < types.count; k++) {
      if (size[k]! > 0) classes.push({ theta: types.theta.slice(k * P, (k + 1) * P), size: size[k]! });
    }
    const chain = buildChain(
      game,
      pi,
      classes,
      threshold,
      options.maxStatesPerEpoch ?? 400_000,
      options.forceMultinomial ?? false,
    );
    const theta = game.params.slice(i * P, (i + 1) * P);
    const v = chainValues(game, chain, theta, pi, dev);
    perAgent.push({
      agent: i,
      ...v,
      lower: Math.max(0, v.deviationValue - v.value),
      upper: Math.max(0, v.fullInformationValue - v.value),
    });
    for (const k of chain.keys) maxStates = Math.max(maxStates, k.length);
    droppedMass = Math.max(droppedMass, chain.droppedMass);
    method = chain.method;
  }
  return {
    lower: Math.max(...perAgent.map((a) => a.lower)),
    upper: Math.max(...perAgent.map((a) => a.upper)),
    perAgent,
    maxStates,
    droppedMass,
    method,
  };
}

/**
 * Random n-player Markov games for tests, benchmarks and exploration: rewards uniform in
 * [rewardMin, rewardMax], and each transition row supported on `successors` distinct random states
 * with Dirichlet(1)-like random weights. With `successors` ≥ 1 and `ensureIrreducible` (default), the
 * state s → s+1 (mod S) is always in the support, so every state chain K_x of a full-support policy
 * is irreducible.
 */
import type { RandomSource } from "@mfkit/core";
import { createMarkovGame, type MarkovGame } from "./markov-game.js";

/** Size and law of a random Markov game. */
export interface RandomGameOptions {
  /** |S|. */
  states: number;
  /** A_k for each player k. */
  actionCounts: readonly number[];
  /** Number of possible next states per (s, a) (default: all). */
  successors?: number;
  /** Mean rewards are uniform on [rewardMin, rewardMax] (default [0, 1]). */
  rewardMin?: number;
  rewardMax?: number;
  /** Put s + 1 mod |S| among the successors of every (s, a), so that the state chain is irreducible (default true). */
  ensureIrreducible?: boolean;
}

/** Draws a random game from `random`. */
export function randomMarkovGame(random: RandomSource, options: RandomGameOptions): MarkovGame {
  const S = options.states;
  const n = options.actionCounts.length;
  const J = options.actionCounts.reduce((a, b) => a * b, 1);
  const k = Math.min(S, options.successors ?? S);
  const lo = options.rewardMin ?? 0;
  const hi = options.rewardMax ?? 1;
  const ensure = options.ensureIrreducible ?? true;
  const rewards = new Float64Array(S * J * n);
  for (let i = 0; i < rewards.length; i++) rewards[i] = lo + (hi - lo) * random.next();
  const transitions = new Float64Array(S * J * S);
  const pool = Array.from({ length: S }, (_, i) => i);
  for (let r = 0; r < S * J; r++) {
    const s = Math.floor(r / J);
    // A random subset of k states (partial Fisher–Yates), forcing s+1 mod S in when asked.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random.next() * (S - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const chosen = pool.slice(0, k);
    const forced = (s + 1) % S;
    if (ensure && !chosen.includes(forced)) chosen[0] = forced;
    let sum = 0;
    const weights = chosen.map(() => {
      const w = -Math.log(1 - random.next()) + 1e-3;
      sum += w;
      return w;
    });
    chosen.forEach((s2, i) => {
      transitions[r * S + s2] = weights[i]! / sum;
    });
  }
  return createMarkovGame(
    { shape: [S, ...options.actionCounts, n], data: rewards },
    { shape: [S, ...options.actionCounts, S], data: transitions },
  );
}

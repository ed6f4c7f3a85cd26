/**
 * Small helpers shared by this package's tests (not exported from the package index).
 */
import type { RandomStream } from "@mfkit/core";
import type { TemporalMeanFieldGame } from "./model.js";

/** A random time-indexed policy with rows bounded away from 0 (Dirichlet(1)-like via −ln u). */
export function randomPolicy(
  game: TemporalMeanFieldGame,
  random: RandomStream,
  epochs = game.horizon + 1,
): Float64Array {
  const nA = game.nActions;
  const out = new Float64Array(epochs * game.nObs * nA);
  for (let row = 0; row < epochs * game.nObs; row++) {
    let sum = 0;
    for (let a = 0; a < nA; a++) {
      const w = 0.05 - Math.log(1 - random.next());
      out[row * nA + a] = w;
      sum += w;
    }
    for (let a = 0; a < nA; a++) out[row * nA + a] /= sum;
  }
  return out;
}

/** A random point of the simplex with all entries ≥ floor/length. */
export function randomDistribution(length: number, random: RandomStream, floor = 0.05): Float64Array {
  const out = new Float64Array(length);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    out[i] = floor - Math.log(1 - random.next());
    sum += out[i];
  }
  for (let i = 0; i < length; i++) out[i] /= sum;
  return out;
}

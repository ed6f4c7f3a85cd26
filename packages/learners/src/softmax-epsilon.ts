/**
 * The softmax-ε policy of a Q-table row (docs/homogenization.md §3):
 *
 *     π(b|s) = (1 − ε)·softmax(Q[s,·]/τ)_b + ε/|A|,   τ > 0, ε ∈ [0, 1],
 *
 * computed with the row maximum subtracted before exponentiating (no overflow for any finite Q).
 */

/** Writes the softmax-ε distribution of `q[qOffset .. qOffset+A)` into `out[outOffset ..]`. */
export function softmaxEpsilon(
  q: Float64Array,
  qOffset: number,
  actions: number,
  temperature: number,
  exploration: number,
  out: Float64Array,
  outOffset: number,
): void {
  let best = 0;
  let max = q[qOffset]!;
  for (let b = 1; b < actions; b++) {
    if (q[qOffset + b]! > max) {
      max = q[qOffset + b]!;
      best = b;
    }
  }
  // exp(0) = 1 at the maximiser: one exponential fewer per row (half of them with two actions).
  let sum = 0;
  for (let b = 0; b < actions; b++) {
    const w = b === best ? 1 : Math.exp((q[qOffset + b]! - max) / temperature);
    out[outOffset + b] = w;
    sum += w;
  }
  const scale = (1 - exploration) / sum;
  const floor = exploration / actions;
  for (let b = 0; b < actions; b++) out[outOffset + b] = out[outOffset + b]! * scale + floor;
}

/** max_c Q[s, c] over one row. */
export function rowMax(q: Float64Array, offset: number, actions: number): number {
  let max = q[offset]!;
  for (let b = 1; b < actions; b++) if (q[offset + b]! > max) max = q[offset + b]!;
  return max;
}

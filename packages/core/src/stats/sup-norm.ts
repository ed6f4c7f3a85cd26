/**
 * Sup-norm distance.
 */
import { MfkitError } from "../errors.js";

/** ‖a − b‖_∞ = max_i |a_i − b_i| (0 for empty vectors). Throws on a length mismatch or a NaN difference. */
export function supNorm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new MfkitError("invalid-shape", `lengths differ: ${a.length} and ${b.length}`, ["b"]);
  }
  let sup = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (Number.isNaN(d)) throw new MfkitError("non-finite", `the difference at ${i} is NaN`, [i]);
    if (d > sup) sup = d;
  }
  return sup;
}

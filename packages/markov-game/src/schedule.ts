/**
 * Step-size schedules (docs/learners.md, "Combinators").
 *
 * A schedule multiplies every learner's rate at update k by a common factor g(k) > 0: learner i moves
 * by α_i·g(k)·u_i. The ratios c_i = α_i/ε stay fixed, so the averaged field F is unchanged and only
 * the clock is reparametrised: with G(k) = Σ_{m<k} g(m), the process follows
 *
 *     dx/dτ = F(x)   at   τ = ε·G(k)     (rescaled clock),   or   dx/dt = ε·F(x) at t = G(k) (iterations),
 *
 * so the constant schedule (g ≡ 1, G(k) = k) is the usual one. A common factor is required: different
 * decays per learner would give a two-time-scale limit, not one ODE.
 *
 * Schedules offered: `constant` and `power`, g(k) = (1 + k/k₀)^(−p) with p ∈ [0, 1], k₀ > 0
 * (p = 1 is the harmonic Robbins–Monro schedule, Σ g = ∞).
 */
import { describe, type ErrorPath, MfkitError } from "@mfkit/core";

/** A step-size schedule g(k) with its cumulative sum G(k) = Σ_{m<k} g(m). */
export interface StepSchedule {
  /** The JSON form (`{ "kind": "power", "power": 0.6, "offset": 100 }`). */
  readonly spec: StepScheduleSpec;
  /** g(k) > 0, the factor of update k. */
  factor(step: number): number;
  /** G(k) = Σ_{m<k} g(m) (exact summation, memoised). */
  cumulative(step: number): number;
  /** The k whose G(k) is nearest to the given cumulative time: {@link cumulative} inverted, rounded to an update. */
  stepAt(cumulativeTime: number): number;
}

/** The JSON form of a schedule: g ≡ 1, or g(k) = (1 + k/offset)^(−power). */
export type StepScheduleSpec = { kind: "constant" } | { kind: "power"; power: number; offset: number };

/** g(k) = (1 + k/k₀)^(−p). */
export function powerSchedule(
  power: number,
  offset: number,
  path: ErrorPath = ["stepSchedule"],
): StepSchedule {
  if (!(power >= 0 && power <= 1))
    throw new MfkitError("invalid-argument", `must be in [0, 1], got ${power}`, [...path, "power"]);
  if (!(offset > 0) || !Number.isFinite(offset))
    throw new MfkitError("invalid-argument", `must be a finite number > 0, got ${offset}`, [
      ...path,
      "offset",
    ]);
  return tabulatedSchedule({ kind: "power", power, offset }, (k) => (1 + k / offset) ** -power);
}

/** g ≡ 1: G(k) = k. */
export function constantSchedule(): StepSchedule {
  return {
    spec: { kind: "constant" },
    factor: () => 1,
    cumulative: (k) => k,
    stepAt: (g) => Math.round(g),
  };
}

function tabulatedSchedule(spec: StepScheduleSpec, g: (k: number) => number): StepSchedule {
  // prefix[k] = G(k); grown on demand by doubling (outside the simulation's hot loop).
  let prefix = new Float64Array(1024 + 1);
  let filled = 0;
  const ensure = (k: number) => {
    if (k <= filled) return;
    if (k >= prefix.length) {
      let size = prefix.length;
      while (size <= k) size *= 2;
      const grown = new Float64Array(size);
      grown.set(prefix.subarray(0, filled + 1));
      prefix = grown;
    }
    for (let m = filled; m < k; m++) prefix[m + 1] = prefix[m]! + g(m);
    filled = k;
  };
  return {
    spec,
    factor: g,
    cumulative(k) {
      ensure(k);
      return prefix[k]!;
    },
    stepAt(target) {
      if (!(target > 0)) return 0;
      // G is increasing and G(k) ≥ k·g(k); grow until it passes the target, then bisect.
      let hi = 1;
      for (;;) {
        ensure(hi);
        if (prefix[hi]! >= target) break;
        hi *= 2;
      }
      let lo = 0;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (prefix[mid]! >= target) hi = mid;
        else lo = mid;
      }
      return target - prefix[lo]! < prefix[hi]! - target ? lo : hi;
    },
  };
}

/** Reads `{ "kind": "constant" }` or `{ "kind": "power", "power": p, "offset": k₀ }`; errors name `path`. */
export function stepScheduleFromJson(json: unknown, path: ErrorPath = ["stepSchedule"]): StepSchedule {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new MfkitError("invalid-argument", `expected a schedule object, got ${describe(json)}`, path);
  const record = json as Record<string, unknown>;
  const known = record.kind === "power" ? ["kind", "power", "offset"] : ["kind"];
  for (const key of Object.keys(record)) {
    if (!known.includes(key))
      throw new MfkitError("invalid-argument", `unknown field "${key}" (known: ${known.join(", ")})`, [
        ...path,
        key,
      ]);
  }
  if (record.kind === "constant") return constantSchedule();
  if (record.kind === "power") {
    const number = (key: string) => {
      const v = record[key];
      if (v === undefined) throw new MfkitError("missing-field", `missing field "${key}"`, [...path, key]);
      if (typeof v !== "number")
        throw new MfkitError("invalid-argument", `expected a number, got ${describe(v)}`, [...path, key]);
      return v;
    };
    return powerSchedule(number("power"), number("offset"), path);
  }
  throw new MfkitError("invalid-argument", `must be "constant" or "power", got ${describe(record.kind)}`, [
    ...path,
    "kind",
  ]);
}

/**
 * Shared building blocks of the built-in environments: sparse transition patterns built from
 * successor lists, the state marginal μ_t(s) = Σ_a L_t(s, a), and parameter checks that throw
 * typed {@link MfkitError}s naming the parameter.
 */
import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame, TransitionPattern } from "../model.js";
import type { EnvironmentInfo, EnvironmentParam } from "./types.js";

/** A transition pattern with the probabilities of a mean-field-independent kernel. */
export interface PatternWithValues {
  readonly pattern: TransitionPattern;
  /** Probability of each stored entry, aligned with `pattern.col`. */
  readonly values: Float64Array;
}

/**
 * Builds the CSR pattern of a kernel given, for each row (s, a), a list of (s', p) contributions
 * (several contributions to the same s' are summed in the order given). Entries are sorted by s'.
 * With `keepZeros = false`, next states whose total probability is exactly 0 are not stored.
 */
export function patternFromContributions(
  nStates: number,
  nActions: number,
  contributions: (s: number, a: number, add: (next: number, p: number) => void) => void,
  keepZeros = false,
): PatternWithValues {
  const rows = nStates * nActions;
  const rowPtr = new Int32Array(rows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const acc = new Map<number, number>();
  const add = (next: number, p: number): void => {
    acc.set(next, (acc.get(next) ?? 0) + p);
  };
  for (let s = 0; s < nStates; s++) {
    for (let a = 0; a < nActions; a++) {
      acc.clear();
      contributions(s, a, add);
      const keys = [...acc.keys()].sort((x, y) => x - y);
      for (const k of keys) {
        const p = acc.get(k)!;
        if (p === 0 && !keepZeros) continue;
        cols.push(k);
        vals.push(p);
      }
      rowPtr[s * nActions + a + 1] = cols.length;
    }
  }
  return { pattern: { rowPtr, col: Int32Array.from(cols) }, values: Float64Array.from(vals) };
}

/** The dense pattern: every row (s, a) lists all next states 0..S−1. */
export function densePattern(nStates: number, nActions: number): TransitionPattern {
  const rows = nStates * nActions;
  const rowPtr = new Int32Array(rows + 1);
  const col = new Int32Array(rows * nStates);
  for (let r = 0; r < rows; r++) {
    rowPtr[r + 1] = (r + 1) * nStates;
    for (let j = 0; j < nStates; j++) col[r * nStates + j] = j;
  }
  return { rowPtr, col };
}

/** Writes μ(s) = Σ_a L(s, a) into `mu` (length S). */
export function stateMarginal(L: Float64Array, nStates: number, nActions: number, mu: Float64Array): void {
  for (let s = 0; s < nStates; s++) {
    let sum = 0;
    const base = s * nActions;
    for (let a = 0; a < nActions; a++) sum += L[base + a]!;
    mu[s] = sum;
  }
}

/** Throws the typed error for a bad parameter value. */
export function badParam(env: string, name: string, message: string): never {
  throw new MfkitError("invalid-argument", `${env}: parameter '${name}' ${message}`, ["params", name]);
}

/** An integer parameter ≥ `min` (`fallback` when undefined or null). */
export function integerParam(
  env: string,
  name: string,
  value: unknown,
  fallback: unknown,
  min: number,
): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isInteger(v))
    badParam(env, name, `must be an integer (got ${String(v)})`);
  if (v < min) badParam(env, name, `must be ≥ ${min} (got ${v})`);
  return v;
}

/** Bounds of a number parameter; `exclusiveMin` makes `min` strict. */
export interface NumberBounds {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

/** A finite number parameter within [min, max] (bounds optional; `exclusiveMin` makes min strict). */
export function numberParam(
  env: string,
  name: string,
  value: unknown,
  fallback: unknown,
  bounds: NumberBounds = {},
): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v))
    badParam(env, name, `must be a finite number (got ${String(v)})`);
  if (bounds.min !== undefined && (bounds.exclusiveMin ? v <= bounds.min : v < bounds.min)) {
    badParam(env, name, `must be ${bounds.exclusiveMin ? ">" : "≥"} ${bounds.min} (got ${v})`);
  }
  if (bounds.max !== undefined && v > bounds.max) badParam(env, name, `must be ≤ ${bounds.max} (got ${v})`);
  return v;
}

/** A boolean parameter. */
export function booleanParam(env: string, name: string, value: unknown, fallback: unknown): boolean {
  const v = value ?? fallback;
  if (typeof v !== "boolean") badParam(env, name, `must be a boolean (got ${String(v)})`);
  return v;
}

/** An array of finite numbers, of a required length when `length` is given. */
export function numberArrayParam(env: string, name: string, value: unknown, length?: number): Float64Array {
  if (!Array.isArray(value) && !(value instanceof Float64Array) && !(value instanceof Float32Array)) {
    badParam(env, name, "must be an array of numbers");
  }
  const arr = value as ArrayLike<unknown>;
  if (length !== undefined && arr.length !== length) {
    badParam(env, name, `must have length ${length} (got ${arr.length})`);
  }
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== "number" || !Number.isFinite(x)) badParam(env, name, `[${i}] must be a finite number`);
    out[i] = x;
  }
  return out;
}

/**
 * The initial law μ0: the given vector (length S, entries ≥ 0, summing to 1 within 1e-9, used
 * as given) or, when absent, `fallback` (uniform when `fallback` is undefined).
 */
export function mu0Param(
  env: string,
  value: unknown,
  nStates: number,
  fallback?: readonly number[],
): Float64Array {
  if (value === undefined || value === null) {
    return fallback ? Float64Array.from(fallback) : new Float64Array(nStates).fill(1 / nStates);
  }
  const mu0 = numberArrayParam(env, "mu0", value, nStates);
  let sum = 0;
  for (let s = 0; s < nStates; s++) {
    if (mu0[s]! < 0) badParam(env, "mu0", `[${s}] is negative (${mu0[s]})`);
    sum += mu0[s]!;
  }
  if (Math.abs(sum - 1) > 1e-9) badParam(env, "mu0", `must sum to 1 (sums to ${sum})`);
  return mu0;
}

/** Rejects option keys that the environment does not know (typos in direct TypeScript calls). */
export function checkKnownOptions(env: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if ((options as Record<string, unknown>)[key] !== undefined && !known.includes(key)) {
      throw new MfkitError(
        "unknown-name",
        `${env}: unknown parameter '${key}' (known: ${known.join(", ")})`,
        ["params", key],
      );
    }
  }
}

/** Names of the parameters of an info record. */
export function paramNames(params: readonly { name: string }[]): string[] {
  return params.map((p) => p.name);
}

/**
 * Reads the options of one built-in environment. Each environment's info entry is the single source
 * of its parameters' defaults: an absent (undefined or null) value takes `default` from the entry of
 * that name. Creating a reader rejects unknown option keys ({@link checkKnownOptions}); reading a
 * name the entry does not document, or with an accessor that does not match its documented type, is
 * a programming error (plain `Error`), so the table and the factory cannot disagree.
 */
export interface ParamReader<O extends object> {
  /** The environment name (for {@link badParam}). */
  readonly env: string;
  /** The value exactly as given (undefined when absent, null kept): for presence checks. No default. */
  given<K extends keyof O & string>(name: K): O[K] | undefined;
  /** The given value, or the documented default when undefined or null; unchecked. */
  value(name: keyof O & string): unknown;
  /** An `integer` parameter ≥ `min`. */
  integer(name: keyof O & string, min: number): number;
  /** A `number` parameter within `bounds`. */
  number(name: keyof O & string, bounds?: NumberBounds): number;
  /** A `boolean` parameter. */
  boolean(name: keyof O & string): boolean;
  /**
   * A `number[]` parameter of length `length` (any length when undefined). `derivedDefault` replaces
   * the documented default when it depends on other parameters; the table then shows its value at
   * their defaults.
   */
  numberArray(name: keyof O & string, length?: number, derivedDefault?: readonly number[]): Float64Array;
  /** The initial law `mu0` over `nStates` states (documented default, or uniform when it is null). */
  mu0(nStates: number): Float64Array;
}

/** A {@link ParamReader} of `options` against `info` (rejects unknown option keys at once). */
export function readParams<O extends object>(info: EnvironmentInfo, options: O): ParamReader<O> {
  const env = info.name;
  checkKnownOptions(env, options, paramNames(info.params));
  const raw = (name: string): unknown => (options as Record<string, unknown>)[name];
  const documented = (name: string, type: EnvironmentParam["type"]): EnvironmentParam => {
    const param = info.params.find((p) => p.name === name);
    if (param === undefined) throw new Error(`${env}: parameter '${name}' is read but not documented`);
    if (param.type !== type) {
      throw new Error(`${env}: parameter '${name}' is documented as ${param.type} but read as ${type}`);
    }
    return param;
  };
  const anyType = (name: string): EnvironmentParam => {
    const param = info.params.find((p) => p.name === name);
    if (param === undefined) throw new Error(`${env}: parameter '${name}' is read but not documented`);
    return param;
  };
  return {
    env,
    given: (name) => {
      anyType(name);
      return raw(name) as O[typeof name] | undefined;
    },
    value: (name) => raw(name) ?? anyType(name).default,
    integer: (name, min) => integerParam(env, name, raw(name), documented(name, "integer").default, min),
    number: (name, bounds) => numberParam(env, name, raw(name), documented(name, "number").default, bounds),
    boolean: (name) => booleanParam(env, name, raw(name), documented(name, "boolean").default),
    numberArray: (name, length, derivedDefault) => {
      const documentedDefault = documented(name, "number[]").default;
      const fallback = derivedDefault ?? documentedDefault;
      return numberArrayParam(env, name, raw(name) ?? fallback, length);
    },
    mu0: (nStates) => {
      const fallback = documented("mu0", "number[]").default as readonly number[] | null;
      return mu0Param(env, raw("mu0"), nStates, fallback ?? undefined);
    },
  };
}

/** Throws when an epoch lies outside 0..T (tables indexed by t would otherwise give NaN). */
export function checkEpoch(env: string, t: number, horizon: number): void {
  if (!(Number.isInteger(t) && t >= 0 && t <= horizon)) {
    throw new MfkitError("invalid-argument", `${env}: epoch ${t} is outside 0..${horizon}`, ["t"]);
  }
}

/** The parts of a built-in game; {@link assembleGame} fills the shared fields. */
export interface GameParts {
  readonly name: string;
  readonly horizon: number;
  readonly nStates: number;
  readonly nActions: number;
  /** Default [nStates]. */
  readonly stateShape?: readonly number[];
  /** Default [nActions]. */
  readonly actionShape?: readonly number[];
  readonly mu0: Float64Array;
  readonly pattern: TransitionPattern;
  readonly rewardDependsOnMeanField: boolean;
  readonly timeHomogeneous: boolean;
  reward(t: number, L: Float64Array, out: Float64Array): void;
  /** Either fixed probabilities aligned with the pattern (a mean-field-independent kernel)… */
  readonly fixedTransition?: Float64Array;
  /** …or a mean-field-dependent kernel. */
  transitionValues?(t: number, L: Float64Array, out: Float64Array): void;
}

/**
 * Builds a {@link MeanFieldGame} (undiscounted, as in MFGLib) from its parts. A fixed kernel is
 * copied into the caller's buffer on each call; `dependsOnMeanField.transition` is false then.
 */
export function assembleGame(parts: GameParts): MeanFieldGame {
  const fixed = parts.fixedTransition;
  const dynamic = parts.transitionValues;
  let transitionValues: MeanFieldGame["transitionValues"];
  if (fixed !== undefined) transitionValues = (_t, _L, out) => out.set(fixed);
  else if (dynamic !== undefined) transitionValues = dynamic;
  else throw new Error(`${parts.name}: a game needs fixedTransition or transitionValues`);
  return {
    name: parts.name,
    horizon: parts.horizon,
    nStates: parts.nStates,
    nActions: parts.nActions,
    stateShape: parts.stateShape ?? [parts.nStates],
    actionShape: parts.actionShape ?? [parts.nActions],
    mu0: parts.mu0,
    discount: 1,
    transitionPattern: parts.pattern,
    dependsOnMeanField: { reward: parts.rewardDependsOnMeanField, transition: fixed === undefined },
    timeHomogeneous: parts.timeHomogeneous,
    reward: parts.reward,
    transitionValues,
  };
}

/** The descriptor of the horizon parameter T. */
export function horizonInfo(fallback: number): EnvironmentParam {
  return { name: "T", type: "integer", default: fallback, description: "last epoch (epochs 0..T)" };
}

/** The descriptor of the initial law μ0 (`null` default: uniform). */
export function mu0Info(fallback: number[] | null = null, over = ""): EnvironmentParam {
  const description = `initial law${over ? ` over ${over}` : ""}${fallback === null ? " (default uniform)" : ""}`;
  return { name: "mu0", type: "number[]", default: fallback, description };
}

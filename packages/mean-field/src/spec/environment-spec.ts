/**
 * User-defined mean-field environments from a JSON spec (docs/user-environments.md).
 *
 * Expressions (mathjs syntax, whitelisted) are parsed and compiled once. Parts that depend on
 * neither the mean field nor t are tabulated at construction, parts that depend on t but not on the
 * mean field are tabulated per epoch, and only mean-field-dependent entries are evaluated at each
 * reward()/transitionValues() call, into preallocated buffers. Transition rows are checked: a
 * negative or non-normalised row is an `invalid-probability` error naming (t, s, a, s').
 */
import { type ErrorPath, getOrThrow, MfkitError, tryValidate, type Validation } from "@mfkit/core";
import { checkEpoch, stateMarginal } from "../environments/common.js";
import type { MeanFieldGame } from "../model.js";
import {
  type CompiledExpression,
  compileExpression,
  type ExpressionContext,
  type ExpressionFunction,
  evaluateNumber,
  isIdentifier,
  isReservedName,
} from "./expression.js";

/** A value or expression: a number, or a mathjs expression string. */
export type SpecValue = number | string;

/** One sparse transition rule: from (s, a) go to `to` with probability `p`. */
export interface TransitionRule {
  /** State(s) the rule applies to (name or index; default all). */
  from?: number | string | Array<number | string>;
  /** Action(s) the rule applies to (name or index; default all). */
  action?: number | string | Array<number | string>;
  /** Next state: a name, an index, or an expression of s, a and constants (no t, mu, L). */
  to: number | string;
  /** Probability (number or expression of t, s, a, mu, L, constants; default 1). */
  p?: SpecValue;
}

/** The JSON spec of a user-defined environment. */
export interface EnvironmentSpec {
  name?: string;
  description?: string;
  /** The last epoch T (epochs 0..T). */
  horizon: number;
  /** Number of states, or their names. */
  states: number | string[];
  /** Number of actions, or their names. */
  actions: number | string[];
  /** Initial law: an array, an object keyed by state name, or "uniform" (default). */
  mu0?: number[] | Record<string, number> | "uniform";
  discount?: number;
  /** Named numbers (usable as symbols) or number arrays (usable as 0-based functions c(i)). */
  constants?: Record<string, number | number[]>;
  /** r_t(s, a, L): one value for all cells, per-state rows (array or object), per-action cells. */
  reward:
    | SpecValue
    | Array<SpecValue | SpecValue[]>
    | Record<string, SpecValue | SpecValue[] | Record<string, SpecValue>>;
  /**
   * P_t(s'|s, a, L): an expression of `next` (dense), an object { "<s'>": value } used for every
   * (s, a), or a list of {@link TransitionRule}s.
   */
  transition: string | Record<string, SpecValue> | TransitionRule[];
}

const MAX_STATES = 100_000;
const MAX_ACTIONS = 10_000;
const MAX_CELLS = 1_000_000;
const MAX_ENTRIES = 10_000_000;
const MAX_HORIZON = 1_000_000;
const MAX_TIME_TABLE = 10_000_000;
const TOP_LEVEL_KEYS = [
  "name",
  "description",
  "horizon",
  "states",
  "actions",
  "mu0",
  "discount",
  "constants",
  "reward",
  "transition",
];

const REWARD_PATH: ErrorPath = ["reward"];
const TRANSITION_PATH: ErrorPath = ["transition"];

/** Tolerance on transition row sums. */
const ROW_SUM_TOLERANCE = 1e-9;

type Term = number | CompiledExpression;

function fail(
  code: MfkitError["code"],
  path: ErrorPath,
  message: string,
  details?: Record<string, unknown>,
): never {
  throw new MfkitError(code, message, path, details);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Labels {
  readonly count: number;
  readonly names: readonly string[] | null;
}

function readLabels(value: unknown, field: "states" | "actions", max: number): Labels {
  if (value === undefined)
    fail("missing-field", [field], `'${field}' is required (a count or a list of names)`);
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      fail("invalid-argument", [field], `'${field}' must be an integer in 1..${max} (got ${value})`);
    }
    return { count: value, names: null };
  }
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > max) {
      fail("invalid-argument", [field], `'${field}' must list 1..${max} names (got ${value.length})`);
    }
    const seen = new Set<string>();
    value.forEach((name, i) => {
      if (typeof name !== "string" || name === "")
        fail("invalid-argument", [field, i], "names must be non-empty strings");
      if (seen.has(name)) fail("invalid-argument", [field, i], `duplicate name '${name}'`);
      seen.add(name);
    });
    return { count: value.length, names: value as string[] };
  }
  return fail("invalid-argument", [field], `'${field}' must be a count or a list of names`);
}

function resolveLabel(labels: Labels, value: unknown, path: ErrorPath, what: string): number {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value < labels.count) return value;
    fail("invalid-argument", path, `${what} index ${value} is outside 0..${labels.count - 1}`);
  }
  if (typeof value === "string") {
    if (labels.names !== null) {
      const i = labels.names.indexOf(value);
      if (i >= 0) return i;
    }
    if (/^\d+$/.test(value)) return resolveLabel(labels, Number(value), path, what);
    fail(
      "unknown-name",
      path,
      `unknown ${what} '${value}'${labels.names ? ` (known: ${labels.names.join(", ")})` : ""}`,
    );
  }
  return fail("invalid-argument", path, `${what} must be a name or an index`);
}

function labelOf(labels: Labels, i: number): string {
  return labels.names === null ? String(i) : `${i} (${labels.names[i]})`;
}

/** Parses and builds; throws the first structural error, collects independent field errors. */
function build(json: unknown, errors: MfkitError[]): MeanFieldGame | null {
  let spec = json;
  if (typeof spec === "string") {
    try {
      spec = JSON.parse(spec);
    } catch (error) {
      fail(
        "invalid-argument",
        [],
        `the spec is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (!isPlainObject(spec)) fail("invalid-argument", [], "the spec must be a JSON object");
  const collect = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (error instanceof MfkitError) {
        errors.push(error);
        return undefined;
      }
      throw error;
    }
  };
  for (const key of Object.keys(spec)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      errors.push(
        new MfkitError("unknown-name", `unknown field '${key}' (known: ${TOP_LEVEL_KEYS.join(", ")})`, [key]),
      );
    }
  }
  const name = collect(() => {
    if (spec.name === undefined) return "custom";
    if (typeof spec.name !== "string") fail("invalid-argument", ["name"], "'name' must be a string");
    return spec.name;
  });
  const horizon = collect(() => {
    const h = spec.horizon;
    if (h === undefined) fail("missing-field", ["horizon"], "'horizon' (the last epoch T) is required");
    if (typeof h !== "number" || !Number.isInteger(h) || h < 0 || h > MAX_HORIZON) {
      fail("invalid-argument", ["horizon"], `'horizon' must be an integer in 0..${MAX_HORIZON}`);
    }
    return h;
  });
  const states = collect(() => readLabels(spec.states, "states", MAX_STATES));
  const actions = collect(() => readLabels(spec.actions, "actions", MAX_ACTIONS));
  const discount = collect(() => {
    const g = spec.discount ?? 1;
    if (typeof g !== "number" || !(g > 0 && g <= 1))
      fail("invalid-argument", ["discount"], "'discount' must be in (0, 1]");
    return g;
  });
  if (horizon === undefined || states === undefined || actions === undefined) return null;
  const S = states.count;
  const A = actions.count;
  if (S * A > MAX_CELLS) {
    fail("invalid-argument", ["states"], `|S|·|A| = ${S * A} exceeds ${MAX_CELLS}`);
  }
  const mu0 = collect(() => readMu0(spec.mu0, states));
  const constants = collect(() => readConstants(spec.constants));
  if (constants === undefined) return null;

  // Variables of all expressions of this game: vars = [t, s, a, next]; mu / L read the current buffers.
  const muBuffer = new Float64Array(S);
  let currentL: Float64Array = new Float64Array(S * A);
  const vars = new Float64Array(4);
  const index = (name: string, i: unknown, n: number): number => {
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= n) {
      fail("invalid-expression", [name], `${name}(${String(i)}): index must be an integer in 0..${n - 1}`);
    }
    return i;
  };
  const numbers = new Map<string, number>([
    ["T", horizon],
    ["nS", S],
    ["nA", A],
  ]);
  const plainFunctions = new Map<string, ExpressionFunction>([
    ["clip", (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi)],
  ]);
  for (const [key, value] of constants) {
    if (typeof value === "number") numbers.set(key, value);
    else plainFunctions.set(key, (i: number) => value[index(key, i, value.length)]!);
  }
  const meanFieldFunctions = new Map<string, ExpressionFunction>([
    ...plainFunctions,
    ["mu", (i: number) => muBuffer[index("mu", i, S)]!],
    ["L", (i: number, j: number) => currentL[index("L", i, S) * A + index("L", j, A)]!],
  ]);
  const valueContext: ExpressionContext = {
    variables: new Map([
      ["t", 0],
      ["s", 1],
      ["a", 2],
    ]),
    constants: numbers,
    functions: meanFieldFunctions,
    cells: { nStates: S, nActions: A },
  };
  const denseContext: ExpressionContext = {
    ...valueContext,
    variables: new Map([...valueContext.variables, ["next", 3]]),
  };
  const targetContext: ExpressionContext = {
    variables: new Map([
      ["s", 1],
      ["a", 2],
    ]),
    constants: numbers,
    functions: plainFunctions,
  };
  const cache = new Map<string, CompiledExpression>();
  const term = (value: unknown, path: ErrorPath, context: ExpressionContext): Term => {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) fail("non-finite", path, "must be a finite number");
      return value;
    }
    if (typeof value === "string") {
      const key = `${context === denseContext ? "d" : context === targetContext ? "g" : "v"}:${value}`;
      let compiled = cache.get(key);
      if (compiled === undefined) {
        compiled = compileExpression(value, path, context);
        cache.set(key, compiled);
      }
      return compiled;
    }
    return fail("invalid-argument", path, "must be a number or an expression string");
  };
  const evalTerm = (value: Term, path: ErrorPath, where: () => string): number =>
    typeof value === "number" ? value : evaluateNumber(value, vars, path, where);

  const rewardCells = collect(() => readRewardCells(spec.reward, states, actions, valueContext, term));
  const transition = collect(() =>
    readTransition(
      spec.transition,
      states,
      actions,
      { valueContext, denseContext, targetContext },
      term,
      (t, s, a, p) => {
        vars[1] = s;
        vars[2] = a;
        return evalTerm(t, p, () => `s=${labelOf(states, s)}, a=${labelOf(actions, a)}`);
      },
    ),
  );
  if (errors.length > 0 || rewardCells === undefined || transition === undefined || mu0 === undefined)
    return null;

  const setCell = (t: number, s: number, a: number): void => {
    vars[0] = t;
    vars[1] = s;
    vars[2] = a;
  };
  const at = (t: number, s: number, a: number, next?: number): string =>
    `t=${t}, s=${labelOf(states, s)}, a=${labelOf(actions, a)}${next === undefined ? "" : `, s'=${labelOf(states, next)}`}`;
  // Descriptions of the current place (read from vars), built only when an error is reported.
  const whereCell = (): string => at(vars[0]!, vars[1]!, vars[2]!);
  const whereEntry = (): string => at(vars[0]!, vars[1]!, vars[2]!, vars[3]!);

  // ---- reward tables ----
  const SA = S * A;
  const isDynamic = (v: Term): boolean => typeof v !== "number" && v.usesMeanField;
  const usesTime = (v: Term): boolean => typeof v !== "number" && v.usesTime;
  const rewardTimeCells = rewardCells.some((v) => !isDynamic(v) && usesTime(v));
  const rewardTabulateTime = rewardTimeCells && (horizon + 1) * SA <= MAX_TIME_TABLE;
  const rewardLive: number[] = [];
  const rewardBase = new Float64Array(rewardTabulateTime ? (horizon + 1) * SA : SA);
  for (let cell = 0; cell < SA; cell++) {
    const v = rewardCells[cell]!;
    const s = Math.floor(cell / A);
    const a = cell % A;
    if (isDynamic(v) || (usesTime(v) && !rewardTabulateTime)) {
      rewardLive.push(cell);
    } else if (usesTime(v)) {
      for (let t = 0; t <= horizon; t++) {
        setCell(t, s, a);
        rewardBase[t * SA + cell] = evalTerm(v, REWARD_PATH, whereCell);
      }
    } else {
      setCell(0, s, a);
      const r = evalTerm(v, REWARD_PATH, whereCell);
      if (rewardTabulateTime) for (let t = 0; t <= horizon; t++) rewardBase[t * SA + cell] = r;
      else rewardBase[cell] = r;
    }
  }
  const rewardLiveCells = Int32Array.from(rewardLive);

  // ---- transition tables ----
  const { rowPtr, col, terms } = transition;
  const nnz = col.length;
  const entryDynamic = terms.map((list) => list.some(isDynamic));
  const entryTimed = terms.map((list, e) => !entryDynamic[e] && list.some(usesTime));
  const transitionTabulateTime = entryTimed.some((x) => x) && (horizon + 1) * nnz <= MAX_TIME_TABLE;
  const rowOf = new Int32Array(nnz);
  for (let r = 0; r < SA; r++) for (let e = rowPtr[r]!; e < rowPtr[r + 1]!; e++) rowOf[e] = r;
  const live: number[] = [];
  const liveRows = new Set<number>();
  const base = new Float64Array(transitionTabulateTime ? (horizon + 1) * nnz : nnz);
  const sumTerms = (e: number, t: number): number => {
    const r = rowOf[e]!;
    const s = Math.floor(r / A);
    const a = r % A;
    setCell(t, s, a);
    vars[3] = col[e]!;
    let p = 0;
    const list = terms[e]!;
    for (let i = 0; i < list.length; i++) p += evalTerm(list[i]!, TRANSITION_PATH, whereEntry);
    return p;
  };
  for (let e = 0; e < nnz; e++) {
    if (entryDynamic[e] || (entryTimed[e] && !transitionTabulateTime)) {
      live.push(e);
      liveRows.add(rowOf[e]!);
    } else if (entryTimed[e]) {
      for (let t = 0; t <= horizon; t++) base[t * nnz + e] = sumTerms(e, t);
    } else {
      const p = sumTerms(e, 0);
      if (transitionTabulateTime) for (let t = 0; t <= horizon; t++) base[t * nnz + e] = p;
      else base[e] = p;
    }
  }
  const liveEntries = Int32Array.from(live);
  const rowsToCheck = Int32Array.from([...liveRows].sort((x, y) => x - y));
  const checkRow = (t: number, r: number, values: Float64Array, offset: number): void => {
    const s = Math.floor(r / A);
    const a = r % A;
    let sum = 0;
    for (let e = rowPtr[r]!; e < rowPtr[r + 1]!; e++) {
      const p = values[offset + e]!;
      if (p < 0) {
        fail(
          "invalid-probability",
          ["transition", t, s, a, col[e]!],
          `P(s'|s,a) = ${p} is negative at ${at(t, s, a, col[e]!)}`,
          {
            t,
            s,
            a,
            next: col[e],
          },
        );
      }
      sum += p;
    }
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      fail(
        "invalid-probability",
        ["transition", t, s, a],
        `the probabilities at ${at(t, s, a)} sum to ${sum}, not 1`,
        {
          t,
          s,
          a,
          sum,
        },
      );
    }
  };
  // Rows without live entries are checked once, at every tabulated epoch.
  for (let r = 0; r < SA; r++) {
    if (liveRows.has(r)) continue;
    if (transitionTabulateTime) for (let t = 0; t <= horizon; t++) checkRow(t, r, base, t * nnz);
    else checkRow(0, r, base, 0);
  }

  const timeHomogeneous = !rewardCells.some(usesTime) && !terms.some((list) => list.some(usesTime));
  const loadMeanField = (L: Float64Array): void => {
    currentL = L;
    stateMarginal(L, S, A, muBuffer);
  };
  const gameName = name ?? "custom";
  return {
    name: gameName,
    horizon,
    nStates: S,
    nActions: A,
    stateShape: [S],
    actionShape: [A],
    mu0,
    discount: discount ?? 1,
    transitionPattern: { rowPtr, col },
    dependsOnMeanField: { reward: rewardCells.some(isDynamic), transition: entryDynamic.some((x) => x) },
    timeHomogeneous,
    reward(t, L, out) {
      checkEpoch(gameName, t, horizon);
      if (rewardTabulateTime) out.set(rewardBase.subarray(t * SA, (t + 1) * SA));
      else out.set(rewardBase);
      if (rewardLiveCells.length === 0) return;
      loadMeanField(L);
      for (let i = 0; i < rewardLiveCells.length; i++) {
        const cell = rewardLiveCells[i]!;
        const s = Math.floor(cell / A);
        const a = cell - s * A;
        setCell(t, s, a);
        out[cell] = evalTerm(rewardCells[cell]!, REWARD_PATH, whereCell);
      }
    },
    transitionValues(t, L, out) {
      checkEpoch(gameName, t, horizon);
      if (transitionTabulateTime) out.set(base.subarray(t * nnz, (t + 1) * nnz));
      else out.set(base);
      if (liveEntries.length === 0) return;
      loadMeanField(L);
      for (let i = 0; i < liveEntries.length; i++) {
        const e = liveEntries[i]!;
        out[e] = sumTerms(e, t);
      }
      for (let i = 0; i < rowsToCheck.length; i++) checkRow(t, rowsToCheck[i]!, out, 0);
    },
  };
}

function readMu0(value: unknown, states: Labels): Float64Array {
  const S = states.count;
  const mu0 = new Float64Array(S);
  if (value === undefined || value === "uniform") return mu0.fill(1 / S);
  if (Array.isArray(value)) {
    if (value.length !== S)
      fail("invalid-shape", ["mu0"], `'mu0' must have length ${S} (got ${value.length})`);
    value.forEach((p, i) => {
      if (typeof p !== "number" || !Number.isFinite(p))
        fail("invalid-argument", ["mu0", i], "must be a finite number");
      mu0[i] = p;
    });
  } else if (isPlainObject(value)) {
    for (const [key, p] of Object.entries(value)) {
      const s = resolveLabel(states, key, ["mu0", key], "state");
      if (typeof p !== "number" || !Number.isFinite(p))
        fail("invalid-argument", ["mu0", key], "must be a finite number");
      mu0[s] = p;
    }
  } else {
    fail("invalid-argument", ["mu0"], `'mu0' must be an array, an object keyed by state, or "uniform"`);
  }
  let sum = 0;
  for (let s = 0; s < S; s++) {
    if (mu0[s]! < 0)
      fail("invalid-probability", ["mu0", s], `μ0(${labelOf(states, s)}) = ${mu0[s]} is negative`);
    sum += mu0[s]!;
  }
  if (Math.abs(sum - 1) > 1e-9) fail("invalid-probability", ["mu0"], `'mu0' sums to ${sum}, not 1`);
  return mu0;
}

function readConstants(value: unknown): Map<string, number | Float64Array> {
  const out = new Map<string, number | Float64Array>();
  if (value === undefined) return out;
  if (!isPlainObject(value)) fail("invalid-argument", ["constants"], "'constants' must be an object");
  for (const [key, v] of Object.entries(value)) {
    if (!isIdentifier(key)) fail("invalid-argument", ["constants", key], `'${key}' is not an identifier`);
    if (isReservedName(key)) fail("invalid-argument", ["constants", key], `'${key}' is a reserved name`);
    if (typeof v === "number" && Number.isFinite(v)) out.set(key, v);
    else if (
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((x) => typeof x === "number" && Number.isFinite(x))
    ) {
      out.set(key, Float64Array.from(v as number[]));
    } else {
      fail(
        "invalid-argument",
        ["constants", key],
        "must be a finite number or a non-empty array of finite numbers",
      );
    }
  }
  return out;
}

type TermOf = (value: unknown, path: ErrorPath, context: ExpressionContext) => Term;

function readRewardCells(
  value: unknown,
  states: Labels,
  actions: Labels,
  context: ExpressionContext,
  term: TermOf,
): Term[] {
  const S = states.count;
  const A = actions.count;
  if (value === undefined) fail("missing-field", ["reward"], "'reward' is required");
  const cells: Term[] = new Array(S * A).fill(0);
  const fillRow = (s: number, row: unknown, path: ErrorPath): void => {
    if (typeof row === "number" || typeof row === "string") {
      const v = term(row, path, context);
      for (let a = 0; a < A; a++) cells[s * A + a] = v;
    } else if (Array.isArray(row)) {
      if (row.length !== A)
        fail("invalid-shape", path, `a reward row must have ${A} entries (got ${row.length})`);
      row.forEach((x, a) => {
        cells[s * A + a] = term(x, [...path, a], context);
      });
    } else if (isPlainObject(row)) {
      for (const [key, x] of Object.entries(row)) {
        const a = resolveLabel(actions, key, [...path, key], "action");
        cells[s * A + a] = term(x, [...path, key], context);
      }
    } else {
      fail("invalid-argument", path, "must be a number, an expression, an array over actions or an object");
    }
  };
  if (typeof value === "number" || typeof value === "string") {
    const v = term(value, ["reward"], context);
    cells.fill(v);
  } else if (Array.isArray(value)) {
    if (value.length !== S)
      fail("invalid-shape", ["reward"], `'reward' must have ${S} rows (got ${value.length})`);
    value.forEach((row, s) => {
      fillRow(s, row, ["reward", s]);
    });
  } else if (isPlainObject(value)) {
    for (const [key, row] of Object.entries(value)) {
      fillRow(resolveLabel(states, key, ["reward", key], "state"), row, ["reward", key]);
    }
  } else {
    fail("invalid-argument", ["reward"], "'reward' must be an expression, a number, an array or an object");
  }
  return cells;
}

interface TransitionTables {
  rowPtr: Int32Array;
  col: Int32Array;
  /** Terms summed into each stored entry. */
  terms: Term[][];
}

interface Contexts {
  valueContext: ExpressionContext;
  denseContext: ExpressionContext;
  targetContext: ExpressionContext;
}

function selection(labels: Labels, value: unknown, path: ErrorPath, what: string): number[] {
  if (value === undefined) return Array.from({ length: labels.count }, (_, i) => i);
  if (Array.isArray(value)) return value.map((v, i) => resolveLabel(labels, v, [...path, i], what));
  return [resolveLabel(labels, value, path, what)];
}

function readTransition(
  value: unknown,
  states: Labels,
  actions: Labels,
  contexts: Contexts,
  term: TermOf,
  evaluateAt: (v: Term, s: number, a: number, path: ErrorPath) => number,
): TransitionTables {
  const S = states.count;
  const A = actions.count;
  const SA = S * A;
  if (value === undefined) fail("missing-field", ["transition"], "'transition' is required");
  const rows: Map<number, Term[]>[] = Array.from({ length: SA }, () => new Map());
  let count = 0;
  const add = (r: number, next: number, v: Term): void => {
    const row = rows[r]!;
    const list = row.get(next);
    if (list) list.push(v);
    else {
      row.set(next, [v]);
      if (++count > MAX_ENTRIES)
        fail("invalid-argument", ["transition"], `more than ${MAX_ENTRIES} transition entries`);
    }
  };
  if (typeof value === "string") {
    if (SA * S > MAX_ENTRIES)
      fail("invalid-argument", ["transition"], `a dense kernel needs |S|²|A| ≤ ${MAX_ENTRIES}`);
    const v = term(value, ["transition"], contexts.denseContext);
    for (let r = 0; r < SA; r++) for (let next = 0; next < S; next++) add(r, next, v);
  } else if (Array.isArray(value)) {
    value.forEach((rule, i) => {
      const path: ErrorPath = ["transition", i];
      if (!isPlainObject(rule))
        fail("invalid-argument", path, "a transition rule must be an object {from?, action?, to, p?}");
      for (const key of Object.keys(rule)) {
        if (!["from", "action", "to", "p"].includes(key)) {
          fail("unknown-name", [...path, key], `unknown rule field '${key}' (known: from, action, to, p)`);
        }
      }
      const from = selection(states, rule.from, [...path, "from"], "state");
      const acts = selection(actions, rule.action, [...path, "action"], "action");
      const p = rule.p === undefined ? 1 : term(rule.p, [...path, "p"], contexts.valueContext);
      let target: Term;
      const to = rule.to;
      if (to === undefined) fail("missing-field", [...path, "to"], "a rule needs 'to'");
      if (typeof to === "number") target = resolveLabel(states, to, [...path, "to"], "state");
      else if (typeof to === "string" && states.names?.includes(to)) target = states.names.indexOf(to);
      else target = term(to, [...path, "to"], contexts.targetContext);
      if (from.length * acts.length > MAX_ENTRIES)
        fail("invalid-argument", path, "the rule covers too many rows");
      for (const s of from) {
        for (const a of acts) {
          let next = typeof target === "number" ? target : evaluateAt(target, s, a, [...path, "to"]);
          if (!Number.isInteger(next) || next < 0 || next >= S) {
            fail(
              "invalid-argument",
              [...path, "to"],
              `the next state ${next} at s=${labelOf(states, s)}, a=${labelOf(actions, a)} is not an index in 0..${S - 1}`,
            );
          }
          next = next as number;
          add(s * A + a, next, p);
        }
      }
    });
  } else if (isPlainObject(value)) {
    const listed: Array<[number, Term]> = Object.entries(value).map(([key, v]) => [
      resolveLabel(states, key, ["transition", key], "state"),
      term(v, ["transition", key], contexts.valueContext),
    ]);
    if (listed.length * SA > MAX_ENTRIES)
      fail("invalid-argument", ["transition"], "too many transition entries");
    for (let r = 0; r < SA; r++) for (const [next, v] of listed) add(r, next, v);
  } else {
    fail(
      "invalid-argument",
      ["transition"],
      "'transition' must be an expression, an object or a list of rules",
    );
  }
  const rowPtr = new Int32Array(SA + 1);
  const col: number[] = [];
  const terms: Term[][] = [];
  for (let r = 0; r < SA; r++) {
    const row = rows[r]!;
    if (row.size === 0) {
      const s = Math.floor(r / A);
      fail(
        "invalid-probability",
        ["transition"],
        `no next state is given for s=${labelOf(states, s)}, a=${labelOf(actions, r % A)}`,
        { s, a: r % A },
      );
    }
    for (const next of [...row.keys()].sort((x, y) => x - y)) {
      col.push(next);
      terms.push(row.get(next)!);
    }
    rowPtr[r + 1] = col.length;
  }
  return { rowPtr, col: Int32Array.from(col), terms };
}

/**
 * Builds a {@link MeanFieldGame} from a JSON spec (an object, or a JSON string). Returns every
 * independent problem found as typed errors: missing/ill-typed fields, `invalid-expression` for
 * syntax errors, forbidden constructs and unknown symbols (naming field and symbol), and
 * `invalid-probability` for negative or non-normalised transition rows (naming t, s, a, s').
 */
export function environmentFromSpec(json: unknown): Validation<MeanFieldGame> {
  const errors: MfkitError[] = [];
  const result = tryValidate(() => build(json, errors));
  if (result._tag === "Left") return { _tag: "Left", left: [...errors, ...result.left] };
  if (errors.length > 0 || result.right === null) {
    return {
      _tag: "Left",
      left: errors.length > 0 ? errors : [new MfkitError("invalid-argument", "invalid spec")],
    };
  }
  return { _tag: "Right", right: result.right };
}

/** {@link environmentFromSpec}, throwing the first error. */
export function environmentFromSpecOrThrow(json: unknown): MeanFieldGame {
  return getOrThrow(environmentFromSpec(json));
}

/**
 * Reading and validating learner options from specs, with typed errors naming the field
 * (`learners[1].alpha: must be > 0, got -0.1`).
 */
import { describe, type ErrorPath, MfkitError, readTensor } from "@mfkit/core";

/** A learner's entry in a spec: `{ "rule": …, …options }`. */
export type LearnerSpec = Readonly<Record<string, unknown>>;

/** Bounds and default of a numeric option. */
export interface NumberConstraint {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  /** Value when the field is absent; without it the field is required. */
  default?: number;
}

/** Reads a finite number field and checks its bounds. */
export function readNumberOption(
  spec: LearnerSpec,
  key: string,
  path: ErrorPath,
  c: NumberConstraint = {},
): number {
  const at = [...path, key];
  const value = spec[key];
  if (value === undefined) {
    if (c.default !== undefined) return c.default;
    throw new MfkitError("missing-field", `missing field "${key}"`, at);
  }
  if (typeof value !== "number")
    throw new MfkitError("invalid-argument", `expected a number, got ${describe(value)}`, at);
  if (!Number.isFinite(value))
    throw new MfkitError("non-finite", `expected a finite number, got ${value}`, at);
  const fail = (rule: string) => {
    throw new MfkitError("invalid-argument", `must be ${rule}, got ${value}`, at);
  };
  if (c.min !== undefined && value < c.min) fail(`≥ ${c.min}`);
  if (c.above !== undefined && value <= c.above) fail(`> ${c.above}`);
  if (c.max !== undefined && value > c.max) fail(`≤ ${c.max}`);
  if (c.below !== undefined && value >= c.below) fail(`< ${c.below}`);
  return value;
}

/** Reads one of a fixed set of strings. */
export function readChoiceOption<T extends string>(
  spec: LearnerSpec,
  key: string,
  path: ErrorPath,
  choices: readonly T[],
  fallback: T,
): T {
  const value = spec[key];
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw new MfkitError(
      "invalid-argument",
      `must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${describe(value)}`,
      [...path, key],
    );
  }
  return value as T;
}

/**
 * Reads an initial table of the given shape: a nested array, or a single number filling the table
 * (`"init": 0`). Defaults to zeros when absent.
 */
export function readTableOption(
  spec: LearnerSpec,
  key: string,
  path: ErrorPath,
  shape: readonly number[],
): Float64Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const value = spec[key];
  if (value === undefined) return new Float64Array(size);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new MfkitError("non-finite", `expected a finite number, got ${value}`, [...path, key]);
    return new Float64Array(size).fill(value);
  }
  const tensor = readTensor(value, [...path, key], shape.length);
  if (tensor.shape.some((d, k) => d !== shape[k])) {
    throw new MfkitError(
      "invalid-shape",
      `expected shape [${shape.join(", ")}], got [${tensor.shape.join(", ")}]`,
      [...path, key],
    );
  }
  return tensor.data;
}

/** Rejects fields a rule does not know (catches typos such as "aplha"). */
export function rejectUnknownOptions(spec: LearnerSpec, path: ErrorPath, known: readonly string[]): void {
  for (const key of Object.keys(spec)) {
    if (!known.includes(key)) {
      throw new MfkitError("invalid-argument", `unknown option "${key}" (known: ${known.join(", ")})`, [
        ...path,
        key,
      ]);
    }
  }
}

/**
 * Reads a table of probability rows of the given shape (the last axis sums to 1, entries ≥ 0; within
 * 1e-9, then renormalised). Defaults to uniform rows when absent.
 */
export function readProbabilityTableOption(
  spec: LearnerSpec,
  key: string,
  path: ErrorPath,
  shape: readonly number[],
): Float64Array {
  const width = shape[shape.length - 1]!;
  if (spec[key] === undefined) {
    const size = shape.reduce((a, b) => a * b, 1);
    return new Float64Array(size).fill(1 / width);
  }
  if (typeof spec[key] === "number")
    throw new MfkitError("invalid-argument", "expected a table of probability rows, got a number", [
      ...path,
      key,
    ]);
  const table = readTableOption(spec, key, path, shape);
  for (let row = 0; row < table.length / width; row++) {
    let sum = 0;
    for (let b = 0; b < width; b++) {
      const p = table[row * width + b]!;
      if (!(p >= 0)) {
        throw new MfkitError("invalid-probability", `probability ${p} is negative`, [
          ...path,
          key,
          ...unflatIndex(row * width + b, shape),
        ]);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new MfkitError("invalid-probability", `row sums to ${sum}, not 1`, [
        ...path,
        key,
        ...unflatIndex(row * width, shape).slice(0, -1),
      ]);
    }
    for (let b = 0; b < width; b++) table[row * width + b]! /= sum;
  }
  return table;
}

/** The multi-index of a flat row-major offset. */
function unflatIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    index[k] = flat % shape[k]!;
    flat = Math.floor(flat / shape[k]!);
  }
  return index;
}

/** Reads a vector option of the given length, or a single number filling it (default `fill`). */
export function readVectorOption(
  spec: LearnerSpec,
  key: string,
  path: ErrorPath,
  length: number,
  fill = 0,
): Float64Array {
  if (spec[key] === undefined) return new Float64Array(length).fill(fill);
  return readTableOption(spec, key, path, [length]);
}

/**
 * Dense tensors read from nested JSON arrays into flat row-major Float64Arrays, with errors that
 * name the offending index (`rewards[2][0][1]: expected a finite number, got NaN`).
 */
import { type ErrorPath, MfkitError } from "./errors.js";

/** A flat row-major tensor: `data[((i0·d1 + i1)·d2 + i2)…]`. */
export interface FlatTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Infers the shape of a nested array from its first elements along each axis. */
function inferShape(value: unknown, path: ErrorPath): number[] {
  const shape: number[] = [];
  let cursor: unknown = value;
  const at: (string | number)[] = [...path];
  while (Array.isArray(cursor)) {
    if (cursor.length === 0) throw new MfkitError("invalid-shape", "empty array", at);
    shape.push(cursor.length);
    cursor = cursor[0];
    at.push(0);
  }
  return shape;
}

/**
 * Reads a nested array of numbers of any rank into a {@link FlatTensor}. Every sub-array along an
 * axis must have the same length (a ragged array is an error naming where), and every leaf must be a
 * finite number (integers are accepted). `expectedRank`, if given, is checked first.
 */
export function readTensor(value: unknown, path: ErrorPath, expectedRank?: number): FlatTensor {
  if (!Array.isArray(value)) {
    throw new MfkitError("invalid-shape", `expected a nested array, got ${describe(value)}`, path);
  }
  const shape = inferShape(value, path);
  if (expectedRank !== undefined && shape.length !== expectedRank) {
    throw new MfkitError(
      "invalid-shape",
      `expected a tensor of rank ${expectedRank}, got rank ${shape.length} (shape [${shape.join(", ")}])`,
      path,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let offset = 0;
  const index: (string | number)[] = [...path];
  const walk = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== "number" || !Number.isFinite(node)) {
        throw new MfkitError(
          typeof node === "number" ? "non-finite" : "invalid-shape",
          `expected a finite number, got ${describe(node)}`,
          index,
        );
      }
      data[offset++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new MfkitError(
        "invalid-shape",
        `expected an array of length ${shape[depth]} (axis ${depth}), got ${describe(node)}`,
        index,
      );
    }
    for (let i = 0; i < node.length; i++) {
      index.push(i);
      walk(node[i], depth + 1);
      index.pop();
    }
  };
  walk(value, 0);
  return { shape, data };
}

/** Writes a flat row-major block back to nested arrays of the given shape. */
export function toNested(data: ArrayLike<number>, shape: readonly number[], offset = 0): unknown[] {
  const build = (depth: number, base: number): unknown[] => {
    const n = shape[depth]!;
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = depth === shape.length - 1 ? data[base + i] : build(depth + 1, base + i * stride);
    }
    return out;
  };
  return build(0, offset);
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value;
}

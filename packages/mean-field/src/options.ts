/** Checking of numeric options at the API edge (typed errors naming ["options", key]). */
import { MfkitError } from "@mfkit/core";

/** Throws the `invalid-argument` error for option `key`: "`message`, got `value`". */
export function badOption(message: string, key: string, value: unknown): never {
  throw new MfkitError("invalid-argument", `${message}, got ${String(value)}`, ["options", key]);
}

/** A finite number option satisfying `check` (described by `rule`), or `fallback` when undefined. */
export function numberOption(
  value: unknown,
  key: string,
  fallback: number,
  check: (x: number) => boolean,
  rule: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || !check(value))
    badOption(`${key} must be ${rule}`, key, value);
  return value;
}

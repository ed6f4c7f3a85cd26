/** Specs shared by this package's tests (not exported from the package index). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** mgap's PD-4 example spec (a fresh deep copy on every call). */
export function pd4Spec(): Record<string, unknown> & {
  learners: Record<string, unknown>[];
  game: { rewards: number[][][][]; transitions: number[][][][] };
} {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "../../../examples/prisoners-dilemma-4.json"), "utf8"),
  );
}

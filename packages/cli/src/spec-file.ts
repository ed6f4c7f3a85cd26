/** Reading JSON spec files with typed errors (missing file, invalid JSON). */
import { readFileSync } from "node:fs";
import { MfkitError } from "@mfkit/core";

/** Reads and parses a JSON file; failures are `MfkitError`s naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new MfkitError("invalid-argument", `cannot read the file: ${(error as Error).message}`, [file]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MfkitError("invalid-argument", `not valid JSON: ${(error as Error).message}`, [file]);
  }
}

/** Parses a CLI number option, naming the option on failure. */
export function parseNumberOption(value: string, option: string, integer = false): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new MfkitError(
      "invalid-argument",
      `expected ${integer ? "an integer" : "a number"}, got "${value}"`,
      [option],
    );
  }
  return n;
}

/** Writing command results: JSON to a file or to stdout. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes `value` as JSON to `file` (creating folders), or to stdout when `file` is undefined. */
export function writeJson(value: unknown, file: string | undefined): void {
  const text = `${JSON.stringify(value)}\n`;
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

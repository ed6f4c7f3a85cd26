/** Runs the `mfkit` CLI from sources in a child process (as a user would), for tests. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "../..");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `mfkit <args…>` with the source condition, from the repository root. */
export function runCli(args: string[]): CliRun {
  const result = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(repoRoot, "packages/cli/src/bin.ts"), ...args],
    { cwd: repoRoot, encoding: "utf8", timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

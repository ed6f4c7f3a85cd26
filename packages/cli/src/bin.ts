#!/usr/bin/env node
/** The `mfkit` command line. Each command family lives in `commands/<family>.ts`. */
import { isMfkitError } from "@mfkit/core";
import { Command } from "commander";
import { registerCommands } from "./commands/index.js";

const program = new Command();
program
  .name("mfkit")
  .description("Learning dynamics of large populations: finite systems against their mean-field limits.");
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isMfkitError(error)) {
    process.stderr.write(`mfkit: ${error.code}: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

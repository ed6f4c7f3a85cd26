/** The registry of command families (each module exports `register(program)`). */
import type { Command } from "commander";

/** Adds every command family to the program. */
export function registerCommands(_program: Command): void {}

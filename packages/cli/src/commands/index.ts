/** The registry of command families (each module exports `register(program)`). */
import type { Command } from "commander";
import { register as registerHomogenize } from "./homogenize.js";
import { register as registerInduced } from "./induced.js";
import { register as registerMfg } from "./mfg.js";
import { register as registerTmf } from "./tmf.js";

/** Adds every command family to the program. */
export function registerCommands(program: Command): void {
  registerHomogenize(program);
  registerMfg(program);
  registerTmf(program);
  registerInduced(program);
}

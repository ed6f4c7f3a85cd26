// Runs a TypeScript worker entry from sources (tests, `pnpm mfkit`): registers tsx's loader, then
// imports the entry named in workerData.entry. Compiled packages start the .js entry directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

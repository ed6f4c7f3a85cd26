/**
 * `pnpm bench [filter]`: runs every `packages/<pkg>/bench/*.bench.ts` (or those whose path contains
 * `filter`) in this process and prints a table, then writes `out/bench.json`.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchRow, createBench } from "./harness.js";

const root = resolve(import.meta.dirname, "../..");
const filter = process.argv[2] ?? "";

function benchFiles(): string[] {
  const files: string[] = [];
  for (const pkg of readdirSync(join(root, "packages"))) {
    const dir = join(root, "packages", pkg, "bench");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith(".bench.ts")) files.push(join(dir, f));
  }
  return files.sort().filter((f) => relative(root, f).includes(filter));
}

function fmt(row: BenchRow): string {
  const time = (v: number) => (v < 0.01 ? `${(v * 1000).toFixed(3)} µs` : `${v.toFixed(3)} ms`);
  const ms = `${time(row.msPerCall)}${row.cpuMsPerCall !== undefined ? ` (cpu ${time(row.cpuMsPerCall)})` : ""}`;
  const tp = row.throughput ? `${row.throughput.perSecond.toExponential(3)} ${row.throughput.unit}/s` : "";
  const target = row.target ? `${row.target.met ? "OK  " : "MISS"} ${row.target.text}` : "";
  return [
    row.suite.padEnd(22),
    row.name.padEnd(58),
    ms.padStart(34),
    tp.padStart(28),
    target.padEnd(28),
    row.note ?? "",
  ].join("  ");
}

const rows: BenchRow[] = [];
for (const file of benchFiles()) {
  const suite = relative(join(root, "packages"), file)
    .replace(/\/bench\//, "/")
    .replace(/\.bench\.ts$/, "");
  const mod = (await import(pathToFileURL(file).href)) as {
    default: (b: ReturnType<typeof createBench>) => unknown;
  };
  const start = rows.length;
  await mod.default(createBench(suite, rows));
  for (const row of rows.slice(start)) console.log(fmt(row));
}
mkdirSync(join(root, "out"), { recursive: true });
writeFileSync(join(root, "out", "bench.json"), `${JSON.stringify(rows, null, 2)}\n`);
const missed = rows.filter((r) => r.target && !r.target.met);
console.log("\nwall time (cpu time of this process); throughputs and targets use cpu time");
console.log(`\n${rows.length} measurements, ${missed.length} target(s) missed; written to out/bench.json`);

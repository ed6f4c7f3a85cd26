import { exploitabilityBracket, fromMeanFieldGame } from "@mfkit/induced-mfg";
import { createEnvironment, solve } from "@mfkit/mean-field";

const base = createEnvironment("susceptible_infected", {});
const pi = solve(base, {
  algorithm: "pmd",
  tau: 0.01,
  eta: 0.5,
  maxIterations: 300,
  atol: null,
  rtol: null,
}).bestPolicy;
const g = fromMeanFieldGame(base, 1000);
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const b = exploitabilityBracket(g, { policy: pi, mfg: base });
  const c = process.cpuUsage(c0);
  console.log(
    "wall",
    (performance.now() - t0).toFixed(0),
    "cpu",
    ((c.user + c.system) / 1000).toFixed(0),
    b.maxStates,
  );
}

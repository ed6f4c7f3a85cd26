/**
 * Phase portraits of learning in stateless games (docs/learners.md, "Normal-form games"): the
 * averaged drift of Cross learning (= the replicator equation) and of FAQ learning (= Boltzmann
 * Q-learning's selection–mutation dynamics), drawn as a vector field over the players' mixed
 * strategies with a few ODE trajectories, for the presets prisoners-dilemma, matching-pennies,
 * stag-hunt (x = P(row plays action 0), y = P(column plays action 0)) and rock-paper-scissors
 * (symmetric play x = y, coordinates (P(rock), P(paper))).
 *
 * Run: `node --conditions=source --import tsx examples/normal-form-phase-portraits.ts [outDir]`
 * (default out/normal-form), which writes one PNG per game and rule.
 */
import { join } from "node:path";
import { solveOde } from "@mfkit/core";
import { learnerFromSpec } from "@mfkit/learners";
import { MarkovLearningModel, type NormalFormPreset, normalFormPreset } from "@mfkit/markov-game";
import { phasePortrait, writeChart } from "@mfkit/report";

type Rule = "cross-learning" | "faq-learning";
const TAU = 0.1;
const BETA = 0.01;
/** FAQ moves at β/τ = 0.1 times the replicator's speed: its trajectories run 10 times longer. */
const HORIZON_FACTOR: Record<Rule, number> = { "cross-learning": 1, "faq-learning": TAU / BETA };

/** A learner spec starting at mixed strategy p (Cross: p itself; FAQ: Q = τ log p, so π = p). */
function spec(rule: Rule, p: readonly number[]) {
  return rule === "cross-learning"
    ? { rule, alpha: 0.1, init: [p] }
    : { rule, alpha: 0.1, gamma: 0, tau: TAU, beta: BETA, init: [p.map((v) => TAU * Math.log(v))] };
}

/** The model of both players at mixed strategies (p, q); referenceRate = α so the drift is per unit α. */
function modelAt(game: NormalFormPreset, rule: Rule, p: readonly number[], q: readonly number[]) {
  const g = normalFormPreset(game);
  return new MarkovLearningModel(
    g,
    [spec(rule, p), spec(rule, q)].map((s, i) => learnerFromSpec(g, i, s, [])),
    {
      referenceRate: 0.1,
    },
  );
}

/** The policy velocity ṗ of each player at (p, q): for FAQ through x = softmax(Q/τ). */
function policyVelocity(game: NormalFormPreset, rule: Rule, p: number[], q: number[]): [number[], number[]] {
  const model = modelAt(game, rule, p, q);
  const x = model.initialParams();
  const dx = new Float64Array(model.dim);
  model.drift(x, dx);
  return [p, q].map((pi, i) => {
    const d = Array.from(dx.subarray(model.offsets[i]!, model.offsets[i]! + pi.length));
    if (rule === "cross-learning") return d;
    const mean = d.reduce((s, v, b) => s + pi[b]! * v, 0);
    return d.map((v, b) => (pi[b]! / TAU) * (v - mean));
  }) as [number[], number[]];
}

/** A trajectory of the mixed strategies from (p, q), by an accurate solve of the limit ODE. */
function trajectory(game: NormalFormPreset, rule: Rule, p: number[], q: number[], horizon: number) {
  const model = modelAt(game, rule, p, q);
  const times = Array.from({ length: 401 }, (_, k) => (k * horizon) / 400);
  const sol = solveOde((_t, y, dy) => model.drift(y, dy), [0, horizon], model.initialParams(), {
    rtol: 1e-9,
    atol: 1e-11,
    evalTimes: times,
  });
  return sol.y.map((y) => {
    model.computePolicies(y);
    return [0, 1].map((i) => Array.from(model.policyTable(i)));
  });
}

const TWO_BY_TWO: [NormalFormPreset, string, number][] = [
  ["prisoners-dilemma", "P(cooperate)", 60],
  ["matching-pennies", "P(heads)", 60],
  ["stag-hunt", "P(stag)", 60],
];

export async function writePhasePortraits(outDir = "out/normal-form"): Promise<string[]> {
  const files: string[] = [];
  const grid = Array.from({ length: 13 }, (_, k) => 0.04 + (0.92 * k) / 12);
  for (const rule of ["cross-learning", "faq-learning"] as const) {
    const label = rule === "cross-learning" ? "Cross learning = replicator" : `FAQ learning (τ = ${TAU})`;
    for (const [game, axis, horizon] of TWO_BY_TWO) {
      const field = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
      for (const a of grid)
        for (const b of grid) {
          const [dp, dq] = policyVelocity(game, rule, [a, 1 - a], [b, 1 - b]);
          field.x.push(a);
          field.y.push(b);
          field.u.push(dp[0]!);
          field.v.push(dq[0]!);
        }
      const starts = [
        [0.2, 0.3],
        [0.7, 0.85],
        [0.55, 0.45],
        [0.9, 0.1],
      ];
      const trajectories = starts.map(([a, b]) => {
        const path = trajectory(game, rule, [a!, 1 - a!], [b!, 1 - b!], horizon * HORIZON_FACTOR[rule]);
        return { name: `from (${a}, ${b})`, x: path.map((s) => s[0]![0]!), y: path.map((s) => s[1]![0]!) };
      });
      const file = join(outDir, `${game}-${rule}.png`);
      await writeChart(
        file,
        phasePortrait(field, trajectories, {
          title: `${game}: ${label}`,
          xLabel: `row ${axis}`,
          yLabel: `column ${axis}`,
          xDomain: [0, 1],
          yDomain: [0, 1],
        }),
      );
      files.push(file);
    }
    // Rock-paper-scissors, symmetric play: both players at x = (r, p, 1 − r − p).
    const field = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
    for (const r of grid)
      for (const p of grid) {
        if (r + p > 0.97) continue;
        const x = [r, p, 1 - r - p];
        const [dx] = policyVelocity("rock-paper-scissors", rule, x, x);
        field.x.push(r);
        field.y.push(p);
        field.u.push(dx[0]!);
        field.v.push(dx[1]!);
      }
    const trajectories = [
      [0.5, 0.3],
      [0.2, 0.2],
    ].map(([r, p]) => {
      const x = [r!, p!, 1 - r! - p!];
      const path = trajectory("rock-paper-scissors", rule, x, x, 80 * HORIZON_FACTOR[rule]);
      return { name: `from (${r}, ${p})`, x: path.map((s) => s[0]![0]!), y: path.map((s) => s[0]![1]!) };
    });
    const file = join(outDir, `rock-paper-scissors-${rule}.png`);
    await writeChart(
      file,
      phasePortrait(field, trajectories, {
        title: `rock-paper-scissors (symmetric play): ${label}`,
        xLabel: "P(rock)",
        yLabel: "P(paper)",
        xDomain: [0, 1],
        yDomain: [0, 1],
      }),
    );
    files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await writePhasePortraits(process.argv[2]);
  for (const f of files) console.log(`wrote ${f}`);
}

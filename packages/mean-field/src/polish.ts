/**
 * Equilibrium polishing: an active-set Newton method that turns an approximate equilibrium (from any
 * first-order solver) into an exact one when its support is right (docs/mean-field-games.md §5,
 * "Polishing an approximate equilibrium").
 *
 * A policy π is an equilibrium iff at every reachable (t, s) each action it plays is optimal against
 * its own flow L = Γ(π). With supports S_t(s) fixed, that is a square system of equations in the
 * probabilities on the supports:
 *
 *     Q^π_t(s, a) − Q^π_t(s, a_ref) = 0   for a ∈ S_t(s) \ {a_ref},   Σ_{a∈S} π_t(a|s) = 1,
 *
 * (Q^π the policy's values on its own flow). The simplex constraint is eliminated through the
 * reference action a_ref (the most played one). The system is solved by Levenberg–Marquardt on a
 * central-difference Jacobian (one flow + policy evaluation per column); damping makes it work on
 * singular systems. A step is tried projected onto the simplex, then stopped at its boundary.
 * Between rounds the supports are updated as in a primal–dual active-set method: an action whose
 * probability reached 0 leaves, an off-support action that beats the supported ones
 * (Q*_t(s,a) > V^π_t(s)) joins.
 *
 * Rows where every action has the same reward and transitions carry no decision and are skipped.
 * Exchangeable rows (same epoch, reward row, transition row and support) have the same equations and
 * only their aggregate moves the flow: they play their mass-weighted mean and share unknowns.
 * Unreachable rows (μ_t(s) = 0) are set greedy at the end.
 *
 * The cost is dense: O(n) evaluations and an O(n³) solve per iteration for n unknowns, so it is meant
 * for games of up to a few thousand supported (t, s, a) entries (`maxUnknowns`).
 */
import { luFactor, luSolve, MfkitError } from "@mfkit/core";
import { stateMarginal } from "./environments/common.js";
import { GameTables } from "./evaluation.js";
import type { MeanFieldGame, TabularPolicy } from "./model.js";
import { numberOption } from "./options.js";
import { normalizePolicyInto, validatePolicyOrThrow } from "./policy.js";
import { PolicyEvaluator } from "./policy-evaluator.js";
import { validateMeanFieldGameOrThrow } from "./validate.js";

/** Options of {@link polishEquilibrium}. */
export interface PolishOptions {
  /** Round 0 support: actions with π_t(a|s) ≥ this (default 1e-3; the most played action always). */
  supportThreshold?: number;
  /** Converged when every indifference residual |Q^π(s,a) − Q^π(s,a_ref)| ≤ this (default 1e-11). */
  tolerance?: number;
  /** Levenberg–Marquardt iterations per support round (default 30). */
  maxIterations?: number;
  /** Support updates (default 10). */
  maxRounds?: number;
  /** Refuse problems with more unknowns than this (default 3000): the method is dense. */
  maxUnknowns?: number;
  /** States with μ_t(s) ≤ this count as unreachable (default 1e-12). */
  massThreshold?: number;
}

/** What {@link polishEquilibrium} returns. */
export interface PolishResult {
  /** The polished policy, or the input policy when polishing did not lower the exploitability. */
  policy: TabularPolicy;
  /** Exploitability of `policy` (MFGLib's definition). */
  exploitability: number;
  /** Exploitability of the input policy. */
  initialExploitability: number;
  /** True when the indifference residuals are within tolerance and no off-support action beats the support. */
  converged: boolean;
  /** Largest indifference residual at the end. */
  residual: number;
  /** Number of unknowns of the last round. */
  unknowns: number;
  /** Levenberg–Marquardt iterations over all rounds. */
  iterations: number;
  /** Support rounds performed. */
  rounds: number;
}

/**
 * One unknown θ = π_t(a|s) − shared by a group of exchangeable rows (same epoch, identical reward and
 * transition rows, same support): their indifference equations coincide and only their aggregate
 * moves the flow, so they share one parameter and the representative (index 0) carries the equation.
 */
interface Unknown {
  /** Flat indices of π_t(a|s) in each row of the group. */
  readonly entries: number[];
  /** Flat indices of π_t(a_ref|s) in the same rows. */
  readonly refs: number[];
}

/** A key that is equal for rows (t, s) with the same reward row, transition row and support. */
function rowSignature(ev: PolicyEvaluator, t: number, s: number, support: Uint8Array): string {
  const { nActions: A, rowPtr, col, horizon: T } = ev.tables;
  const R = ev.flow.rewardAt[t]!;
  const P = t < T ? ev.flow.transAt[t]! : undefined;
  const parts: number[] = [t];
  for (let a = 0; a < A; a++) {
    const r = s * A + a;
    parts.push(support[(t * ev.tables.nStates + s) * A + a]!, R[r]!);
    if (P === undefined) continue;
    parts.push(rowPtr[r + 1]! - rowPtr[r]!);
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) parts.push(col[k]!, P[k]!);
  }
  return parts.join(",");
}

const STEP = 1e-6;

/** A positive (integer) option, `fallback` when undefined. */
function positiveOption(value: number | undefined, key: string, fallback: number, integer = false): number {
  const rule = integer ? "a positive integer" : "a positive number";
  return numberOption(value, key, fallback, (x) => x > 0 && (!integer || Number.isInteger(x)), rule);
}

/** True when every action of row (t, s) has the same reward and the same transition row at the current flow. */
function indistinguishableRow(ev: PolicyEvaluator, t: number, s: number): boolean {
  const { nActions: A, rowPtr, col, horizon: T } = ev.tables;
  const R = ev.flow.rewardAt[t]!;
  const P = t < T ? ev.flow.transAt[t]! : undefined;
  const first = s * A;
  for (let a = 1; a < A; a++) {
    const r = first + a;
    if (R[r] !== R[first]) return false;
    if (P === undefined) continue;
    const len = rowPtr[r + 1]! - rowPtr[r]!;
    if (len !== rowPtr[first + 1]! - rowPtr[first]!) return false;
    for (let k = 0; k < len; k++) {
      if (col[rowPtr[r]! + k] !== col[rowPtr[first]! + k]) return false;
      if (P[rowPtr[r]! + k] !== P[rowPtr[first]! + k]) return false;
    }
  }
  return true;
}

/**
 * Polishes an approximate equilibrium π of `game` into an exact one by active-set Newton steps
 * (module comment). Returns the better of the polished and the input policy with both
 * exploitabilities; `converged` says whether the equilibrium conditions hold to `tolerance`.
 */
export function polishEquilibrium(
  game: MeanFieldGame,
  policy: TabularPolicy,
  options: PolishOptions = {},
): PolishResult {
  validateMeanFieldGameOrThrow(game);
  const threshold = positiveOption(options.supportThreshold, "supportThreshold", 1e-3);
  const tolerance = positiveOption(options.tolerance, "tolerance", 1e-11);
  const maxIterations = positiveOption(options.maxIterations, "maxIterations", 30, true);
  const maxRounds = positiveOption(options.maxRounds, "maxRounds", 10, true);
  const maxUnknowns = positiveOption(options.maxUnknowns, "maxUnknowns", 3000, true);
  const massThreshold = positiveOption(options.massThreshold, "massThreshold", 1e-12);

  const tables = new GameTables(game);
  const { horizon: T, nStates: S, nActions: A } = tables;
  const rows = (T + 1) * S;
  const input = new Float64Array(rows * A);
  normalizePolicyInto(game, validatePolicyOrThrow(game, policy), input);
  const ev = new PolicyEvaluator(tables);
  ev.setPolicy(input);
  const initialExploitability = ev.exploitability();

  const pi = input.slice();
  const mu = new Float64Array(rows);
  // support[r·A + a]: a ∈ S_t(s) for row r = t·S + s.
  const support = new Uint8Array(rows * A);
  for (let r = 0; r < rows; r++) {
    const base = r * A;
    let best = 0;
    for (let a = 0; a < A; a++) {
      if (pi[base + a]! >= threshold) support[base + a] = 1;
      if (pi[base + a]! > pi[base + best]!) best = a;
    }
    support[base + best] = 1;
  }

  let iterations = 0;
  let rounds = 0;
  let residual = Number.POSITIVE_INFINITY;
  let unknownCount = 0;
  let converged = false;
  const scratch = new PolicyEvaluator(tables);

  while (rounds < maxRounds && !converged) {
    rounds++;
    // Restrict π to the supports and list the unknowns.
    ev.setPolicy(pi);
    stateMarginal(ev.flow.L, rows, A, mu);
    const unknowns: Unknown[] = [];
    for (let r = 0; r < rows; r++) {
      const base = r * A;
      let sum = 0;
      for (let a = 0; a < A; a++) {
        if (!support[base + a]) pi[base + a] = 0;
        sum += pi[base + a]!;
      }
      if (sum <= 0) {
        for (let a = 0; a < A; a++) if (support[base + a]) pi[base + a] = 1;
        sum = 0;
        for (let a = 0; a < A; a++) sum += pi[base + a]!;
      }
      for (let a = 0; a < A; a++) pi[base + a] = pi[base + a]! / sum;
    }
    ev.setPolicy(pi);
    stateMarginal(ev.flow.L, rows, A, mu);
    const groups = new Map<string, number[]>();
    for (let r = 0; r < rows; r++) {
      if (mu[r]! <= massThreshold) continue;
      const t = Math.floor(r / S);
      if (indistinguishableRow(ev, t, r - t * S)) continue;
      const key = rowSignature(ev, t, r - t * S, support);
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
    for (const group of groups.values()) {
      // Exchangeable rows play their mass-weighted mean (the aggregate, hence the flow, is unchanged).
      if (group.length > 1) {
        let mass = 0;
        for (const r of group) mass += mu[r]!;
        for (let a = 0; a < A; a++) {
          let mean = 0;
          for (const r of group) mean += mu[r]! * pi[r * A + a]!;
          for (const r of group) pi[r * A + a] = mean / mass;
        }
      }
      const base = group[0]! * A;
      let ref = -1;
      for (let a = 0; a < A; a++)
        if (support[base + a] && (ref < 0 || pi[base + a]! > pi[base + ref]!)) ref = a;
      for (let a = 0; a < A; a++) {
        if (!support[base + a] || a === ref) continue;
        unknowns.push({ entries: group.map((r) => r * A + a), refs: group.map((r) => r * A + ref) });
      }
    }
    unknownCount = unknowns.length;
    if (unknownCount > maxUnknowns) {
      throw new MfkitError(
        "invalid-argument",
        `polishing needs ${unknownCount} unknowns, more than maxUnknowns = ${maxUnknowns} (the method is dense; raise the limit or use a first-order solver)`,
        ["options", "maxUnknowns"],
        { unknowns: unknownCount },
      );
    }
    const n = unknownCount;
    const residualOf = (evaluator: PolicyEvaluator, table: TabularPolicy, out: Float64Array): number => {
      evaluator.setPolicy(table);
      const Q = evaluator.policy().Q;
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const u = unknowns[i]!;
        out[i] = Q[u.entries[0]!]! - Q[u.refs[0]!]!;
        worst = Math.max(worst, Math.abs(out[i]!));
      }
      return worst;
    };
    /** Adds δ to θ_j: every entry of the group gains δ and its reference loses δ. */
    const shift = (table: Float64Array, u: Unknown, delta: number): void => {
      for (let m = 0; m < u.entries.length; m++) {
        table[u.entries[m]!] += delta;
        table[u.refs[m]!] -= delta;
      }
    };
    /** Clips negative probabilities of the unknowns' rows to 0 and renormalises those rows. */
    const projectRows = (table: Float64Array): void => {
      for (const u of unknowns) {
        for (const e of u.entries) {
          const base = e - (e % A);
          let sum = 0;
          for (let a = 0; a < A; a++) {
            if (table[base + a]! < 0) table[base + a] = 0;
            sum += table[base + a]!;
          }
          if (sum !== 1) for (let a = 0; a < A; a++) table[base + a] = table[base + a]! / sum;
        }
      }
    };
    const res = new Float64Array(n);
    ev.setPolicy(pi);
    residual = residualOf(ev, pi, res);
    if (n > 0 && residual > tolerance) {
      const jac = new Float64Array(n * n); // column-major: jac[j·n + i] = ∂res_i/∂θ_j
      const plus = new Float64Array(n);
      const minus = new Float64Array(n);
      const normal = new Float64Array(n * n);
      const rhs = new Float64Array(n);
      const pivot = new Int32Array(n);
      const trial = new Float64Array(pi.length);
      const trialRes = new Float64Array(n);
      let damping = 1e-6;
      for (let it = 0; it < maxIterations && residual > tolerance; it++) {
        iterations++;
        // Central differences along θ_j: π(a_j) += h, π(a_ref) −= h (forward when π(a_j) < h).
        for (let j = 0; j < n; j++) {
          const u = unknowns[j]!;
          const saved = u.entries.map((e) => pi[e]!).concat(u.refs.map((e) => pi[e]!));
          const central = pi[u.entries[0]!]! >= STEP;
          shift(pi, u, STEP);
          residualOf(scratch, pi, plus);
          if (central) {
            shift(pi, u, -2 * STEP);
            residualOf(scratch, pi, minus);
          }
          u.entries.forEach((e, m) => {
            pi[e] = saved[m]!;
          });
          u.refs.forEach((e, m) => {
            pi[e] = saved[u.entries.length + m]!;
          });
          const off = j * n;
          if (central) for (let i = 0; i < n; i++) jac[off + i] = (plus[i]! - minus[i]!) / (2 * STEP);
          else for (let i = 0; i < n; i++) jac[off + i] = (plus[i]! - res[i]!) / STEP;
        }
        // JᵀJ and Jᵀr.
        for (let j = 0; j < n; j++) {
          const cj = j * n;
          let g = 0;
          for (let i = 0; i < n; i++) g += jac[cj + i]! * res[i]!;
          rhs[j] = g;
          for (let k = j; k < n; k++) {
            const ck = k * n;
            let s = 0;
            for (let i = 0; i < n; i++) s += jac[cj + i]! * jac[ck + i]!;
            normal[j * n + k] = s;
            normal[k * n + j] = s;
          }
        }
        const base = residual;
        let accepted = false;
        for (let attempt = 0; attempt < 12 && !accepted; attempt++) {
          const system = normal.slice();
          for (let j = 0; j < n; j++) system[j * n + j] += damping * (1 + normal[j * n + j]!);
          const step = rhs.slice();
          if (!luFactor(system, n, pivot)) {
            damping *= 10;
            continue;
          }
          luSolve(system, n, pivot, step);
          // θ ← θ − step, stopped at the simplex boundary.
          let scale = 1;
          const refDelta = new Map<number, number>();
          for (let j = 0; j < n; j++) {
            const u = unknowns[j]!;
            const d = -step[j]!;
            const e = u.entries[0]!;
            if (d < 0 && pi[e]! + d < 0) scale = Math.min(scale, pi[e]! / -d);
            refDelta.set(u.refs[0]!, (refDelta.get(u.refs[0]!) ?? 0) + step[j]!);
          }
          for (const [ref, d] of refDelta)
            if (d < 0 && pi[ref]! + d < 0) scale = Math.min(scale, pi[ref]! / -d);
          // First the full step projected onto the simplex (probabilities pushed below 0 become 0
          // and leave the support at the next update), then the step stopped at the boundary.
          trial.set(pi);
          for (let j = 0; j < n; j++) shift(trial, unknowns[j]!, -step[j]!);
          projectRows(trial);
          let value = residualOf(scratch, trial, trialRes);
          if (!(value < base) && scale < 1) {
            trial.set(pi);
            for (let j = 0; j < n; j++) shift(trial, unknowns[j]!, -scale * step[j]!);
            projectRows(trial);
            value = residualOf(scratch, trial, trialRes);
          }
          if (value < base) {
            pi.set(trial);
            res.set(trialRes);
            residual = value;
            damping = Math.max(damping / 4, 1e-12);
            accepted = true;
          } else {
            damping *= 8;
          }
        }
        if (!accepted) break;
      }
    }
    // Support update (primal–dual active set): drop zeros, add improving off-support actions.
    ev.setPolicy(pi);
    stateMarginal(ev.flow.L, rows, A, mu);
    const Qstar = ev.optimal().Q;
    const Vpi = ev.policy().V;
    let changed = false;
    const slack = Math.max(tolerance, 1e-9);
    for (let r = 0; r < rows; r++) {
      if (mu[r]! <= massThreshold) continue;
      const base = r * A;
      const t = Math.floor(r / S);
      if (indistinguishableRow(ev, t, r - t * S)) continue;
      for (let a = 0; a < A; a++) {
        if (support[base + a] && pi[base + a]! <= 0) {
          support[base + a] = 0;
          changed = true;
        } else if (!support[base + a] && Qstar[base + a]! > Vpi[r]! + slack) {
          support[base + a] = 1;
          changed = true;
        }
      }
    }
    converged = !changed && residual <= tolerance;
    if (!changed) break;
  }

  // Unreachable rows do not move the flow: make them greedy so that they are best responses too.
  ev.setPolicy(pi);
  stateMarginal(ev.flow.L, rows, A, mu);
  const Qstar = ev.optimal().Q;
  for (let r = 0; r < rows; r++) {
    if (mu[r]! > massThreshold) continue;
    const base = r * A;
    let best = 0;
    for (let a = 1; a < A; a++) if (Qstar[base + a]! > Qstar[base + best]!) best = a;
    for (let a = 0; a < A; a++) pi[base + a] = a === best ? 1 : 0;
  }
  ev.setPolicy(pi);
  const polished = ev.exploitability();
  const keep = polished <= initialExploitability;
  return {
    policy: keep ? pi : input,
    exploitability: keep ? polished : initialExploitability,
    initialExploitability,
    converged: converged && keep,
    residual,
    unknowns: unknownCount,
    iterations,
    rounds,
  };
}

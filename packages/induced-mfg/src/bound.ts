/**
 * The conservative reference approximation bound of docs/induced-mfg.md §5 (rewards normalised to
 * [0, 1] by the reward range, H = T + 1 epochs, K = |S||A|):
 *
 * Symmetric part 2B_N:
 *   L_P = 0:  2H·L_R·(√(K/(N−1)) + 2/N)
 *   L_P > 0:  2(L_R + (H−1)L_P/2)·Σ_{t<H}(2/N + D_t),  D_t = c·Σ_{k≤t}(1+L_P)^k,  c = √(K/(N−1)) + 2L_P/N
 * Asymmetry B_{α,β} = Σ_{t<H}(β + p_t + 2L_R·δ_t),  δ_t = (α/2)Σ_{k<t}(1+L_P)^k,  p_t = Σ_{k<t}(α/2 + L_P·δ_k)
 *
 * and E_G(π,…,π) ≤ E_M(π) + 2B_N + 2B_{α,β} (+ τ·H·log|A| against an unregularised target when τ > 0).
 * Results are returned in raw reward units (normalised terms × reward range).
 */
import { MfkitError } from "@mfkit/core";

/** The constants of the finite-N bound (docs/induced-mfg.md): N, K, H, α, β, L_R, L_P and the reward range. */
export interface BoundInput {
  nAgents: number;
  /** K = |S|·|A|. */
  cells: number;
  /** H = T + 1. */
  epochs: number;
  alpha: number;
  beta: number;
  LR: number;
  LP: number;
  /** hi − lo of the rewards (> 0). */
  rewardRange: number;
  /** E_M(π) of the induced MFG, added to the total when given. */
  mfgExploitability?: number;
  /** Regularisation temperature of the solver and |A| (adds τ·H·log|A|). */
  tau?: number;
  nActions?: number;
}

/** The terms of E_G ≤ E_M + 2B_N + 2B_{α,β} (+ τ·H·log|A|), each in raw reward units. */
export interface BoundResult {
  /** 2B_N in raw units. */
  symmetricTerm: number;
  /** 2B_{α,β} in raw units. */
  asymmetryTerm: number;
  /** τ·H·log|A| in raw units (0 without τ). */
  regularizationTerm: number;
  /** E_M + all terms: the bound on E_G(π,…,π). */
  total: number;
}

/** Evaluates the reference bound for given N, α, β and grid Lipschitz constants. */
export function approximationBound(input: BoundInput): BoundResult {
  const { nAgents: N, cells: K, epochs: H, alpha, beta, LR, LP, rewardRange } = input;
  for (const [name, v] of Object.entries({ alpha, beta, LR, LP })) {
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new MfkitError("invalid-argument", `${name} must be finite and ≥ 0, got ${v}`, [name]);
    }
  }
  if (!Number.isInteger(N) || N < 2) {
    throw new MfkitError("invalid-argument", `N must be an integer ≥ 2, got ${N}`, ["nAgents"]);
  }
  if (!(rewardRange > 0) || !Number.isFinite(rewardRange)) {
    throw new MfkitError("invalid-argument", `rewardRange must be finite and > 0, got ${rewardRange}`, [
      "rewardRange",
    ]);
  }
  const lr = LR / rewardRange;
  const b = beta / rewardRange;
  let sym: number;
  const root = Math.sqrt(K / (N - 1));
  if (LP === 0) {
    sym = 2 * H * lr * (root + 2 / N);
  } else {
    const c = root + (2 * LP) / N;
    let sum = 0;
    let geo = 0;
    for (let t = 0; t < H; t++) {
      geo += (1 + LP) ** t;
      sum += 2 / N + c * geo;
    }
    sym = 2 * (lr + ((H - 1) * LP) / 2) * sum;
  }
  // Asymmetry: δ_t and p_t.
  const delta = new Float64Array(H);
  let geo = 0;
  for (let t = 0; t < H; t++) {
    delta[t] = (alpha / 2) * geo;
    geo += (1 + LP) ** t;
  }
  let B = 0;
  let p = 0;
  for (let t = 0; t < H; t++) {
    B += b + p + 2 * lr * delta[t]!;
    p += alpha / 2 + LP * delta[t]!;
  }
  const reg = input.tau !== undefined && input.tau > 0 ? input.tau * H * Math.log(input.nActions ?? 1) : 0;
  const symmetricTerm = sym * rewardRange;
  const asymmetryTerm = 2 * B * rewardRange;
  return {
    symmetricTerm,
    asymmetryTerm,
    regularizationTerm: reg,
    total: (input.mfgExploitability ?? 0) + symmetricTerm + asymmetryTerm + reg,
  };
}

/**
 * The finite-horizon mean-field game model M = (T, S, A, μ0, r, P) (docs/mean-field-games.md §1).
 *
 * Epochs t = 0..T (T + 1 decision epochs, a reward at each). The population variable is the
 * state-action mean field L_t ∈ Δ(S×A), stored flat as `L[s·|A| + a]`; μ_t(s) = Σ_a L_t(s, a).
 * Multi-dimensional state and action shapes are flattened row-major.
 *
 * Transitions are stored sparsely with a fixed pattern: row r = s·|A| + a lists its possible next
 * states `col[rowPtr[r] .. rowPtr[r+1])`; the environment fills the matching probabilities for a given
 * (t, L_t). A dense kernel is the special case where every row lists all |S| states.
 */

/** Compressed sparse rows over the S·|A| rows (s, a) of a transition kernel. */
export interface TransitionPattern {
  /** Length S·|A| + 1; row r's entries are at indices rowPtr[r] .. rowPtr[r+1]−1. */
  readonly rowPtr: Int32Array;
  /** Next-state index of each stored entry, length rowPtr[S·|A|]. */
  readonly col: Int32Array;
}

/** A finite-horizon mean-field game. All arrays are float64; functions write into caller buffers. */
export interface MeanFieldGame {
  /** Environment name (for messages and reports). */
  readonly name: string;
  /** T: the last epoch; epochs are 0..T. */
  readonly horizon: number;
  /** |S| after flattening `stateShape`. */
  readonly nStates: number;
  /** |A| after flattening `actionShape`. */
  readonly nActions: number;
  readonly stateShape: readonly number[];
  readonly actionShape: readonly number[];
  /** Initial state law μ0 (length |S|, sums to 1). */
  readonly mu0: Float64Array;
  /** Discount γ ∈ (0, 1]; 1 is MFGLib's undiscounted case. */
  readonly discount: number;
  /** Sparsity pattern of P_t, the same for every t and L. */
  readonly transitionPattern: TransitionPattern;
  /** Which parts depend on the mean field (algorithms cache the parts that do not). */
  readonly dependsOnMeanField: { readonly reward: boolean; readonly transition: boolean };
  /** True when r and P do not depend on t (algorithms may cache them across epochs). */
  readonly timeHomogeneous: boolean;
  /** Writes r_t(s, a, L_t) into `out[s·|A| + a]` (length S·|A|). */
  reward(t: number, L: Float64Array, out: Float64Array): void;
  /** Writes P_t(s' | s, a, L_t) for each stored pattern entry into `out` (length nnz = rowPtr[S·|A|]). */
  transitionValues(t: number, L: Float64Array, out: Float64Array): void;
}

/**
 * A tabular policy π_t(a|s) for t = 0..T, flat as `pi[(t·|S| + s)·|A| + a]` in one Float64Array.
 * Treated as an immutable snapshot: solvers never mutate a policy they have returned.
 */
export type TabularPolicy = Float64Array;

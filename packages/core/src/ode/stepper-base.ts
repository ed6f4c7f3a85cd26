/**
 * State shared by the one-step adaptive methods: the accepted state (t, y, f = f(t, y)), the previous
 * one (for dense output) and the candidate of the current attempt, held in three buffers that rotate
 * on acceptance instead of being copied.
 */
import type { AdaptiveStepper } from "./adaptive.js";
import { allFinite } from "./error-norm.js";
import type { OdeRhs, OdeStats } from "./types.js";

/** The buffers and buffer rotation common to dopri5 and RODAS4; subclasses implement the steps. */
export abstract class StepperBase implements AdaptiveStepper {
  y: Float64Array;
  /** f(t, y) at the current accepted state. */
  f: Float64Array;
  candidateNorm = 0;
  protected readonly rhs: OdeRhs;
  protected readonly n: number;
  protected readonly atol: Float64Array;
  protected readonly rtol: number;
  protected readonly stats: OdeStats;
  protected t = 0;
  protected tPrev = 0;
  /** Size of the last attempted (after acceptance: accepted) step. */
  protected h = 0;
  protected yPrev: Float64Array;
  protected yCand: Float64Array;
  /** Whether the dense-output coefficients of the last accepted step are computed. */
  protected denseReady = false;

  constructor(rhs: OdeRhs, n: number, atol: Float64Array, rtol: number, stats: OdeStats) {
    this.rhs = rhs;
    this.n = n;
    this.atol = atol;
    this.rtol = rtol;
    this.stats = stats;
    this.y = new Float64Array(n);
    this.f = new Float64Array(n);
    this.yPrev = new Float64Array(n);
    this.yCand = new Float64Array(n);
  }

  /** A work vector of length n (for the constructors of subclasses). */
  protected vector(): Float64Array {
    return new Float64Array(this.n);
  }

  begin(t0: number, y0: Float64Array): boolean {
    this.t = t0;
    this.y.set(y0);
    this.rhs(t0, this.y, this.f);
    this.stats.rhsEvals++;
    this.denseReady = false;
    this.newState();
    return allFinite(this.f);
  }

  /** Moves to the candidate: yPrev ← y, y ← candidate, t ← tNew (buffer rotation, no copy). */
  protected advance(tNew: number): void {
    const oldPrev = this.yPrev;
    this.yPrev = this.y;
    this.y = this.yCand;
    this.yCand = oldPrev;
    this.tPrev = this.t;
    this.t = tNew;
    this.denseReady = false;
    this.newState();
  }

  /** Hook called whenever the accepted state changes. */
  protected newState(): void {}

  abstract attempt(h: number): number;
  abstract accept(tNew: number): boolean;
  abstract interpolate(t: number, out: Float64Array): void;
}

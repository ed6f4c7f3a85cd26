/**
 * Collects the output points of a solve: either the requested `evalTimes` (filled from step ends or
 * from a dense-output interpolant) or, by default, t0 and every accepted step.
 */

/** A continuous extension over the last accepted step [tPrev, tNew]. */
export interface DenseOutput {
  /** Writes the interpolated state at `t` (tPrev ≤ t ≤ tNew) into `out`. */
  interpolate(t: number, out: Float64Array): void;
}

/** Records output points; the only allocation of a solve after set-up happens here. */
export class OutputRecorder {
  readonly t: number[] = [];
  readonly y: Float64Array[] = [];
  private readonly evalTimes: readonly number[] | undefined;
  private next = 0;

  constructor(evalTimes: readonly number[] | undefined) {
    this.evalTimes = evalTimes;
  }

  /** The next requested time not yet output (Infinity when none, or when every step is output). */
  get nextEvalTime(): number {
    const times = this.evalTimes;
    return times !== undefined && this.next < times.length ? times[this.next] : Number.POSITIVE_INFINITY;
  }

  /** Outputs the initial state: at every requested time equal to t0, or once by default. */
  start(t0: number, y0: Float64Array): void {
    const times = this.evalTimes;
    if (times === undefined) {
      this.push(t0, y0);
      return;
    }
    while (this.next < times.length && times[this.next] <= t0) {
      this.push(times[this.next], y0);
      this.next++;
    }
  }

  /**
   * Outputs what falls in the step (tPrev, tNew]: requested times strictly inside come from `dense`,
   * a requested time equal to tNew (and the default every-step output) copies `yNew` exactly.
   */
  step(tNew: number, yNew: Float64Array, dense: DenseOutput | null): void {
    const times = this.evalTimes;
    if (times === undefined) {
      this.push(tNew, yNew);
      return;
    }
    while (this.next < times.length) {
      const te = times[this.next];
      if (te > tNew) break;
      if (te === tNew || dense === null) this.push(te, yNew);
      else {
        const out = new Float64Array(yNew.length);
        dense.interpolate(te, out);
        this.t.push(te);
        this.y.push(out);
      }
      this.next++;
    }
  }

  private push(t: number, y: Float64Array): void {
    this.t.push(t);
    this.y.push(Float64Array.from(y));
  }
}

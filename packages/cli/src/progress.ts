/**
 * A progress bar on stderr for long CLI work. It draws only on a terminal and never in `--json` or
 * pipe mode, so machine-readable stdout stays clean.
 */

export interface Progress {
  /** Reports `done` units out of the total (throttled redraw). */
  update(done: number): void;
  /** Clears the bar. */
  finish(): void;
}

export interface ProgressOptions {
  total: number;
  label: string;
  /** Force on/off; default: on iff stderr is a TTY. */
  enabled?: boolean;
}

const silent: Progress = { update() {}, finish() {} };

/** Creates a progress bar (a no-op when disabled or when stderr is not a terminal). */
export function createProgress(options: ProgressOptions): Progress {
  const enabled = options.enabled ?? Boolean(process.stderr.isTTY);
  if (!enabled || options.total <= 0) return silent;
  const start = Date.now();
  let lastDraw = 0;
  const width = 30;
  const draw = (done: number) => {
    const fraction = Math.min(1, Math.max(0, done / options.total));
    const filled = Math.round(fraction * width);
    const elapsed = (Date.now() - start) / 1000;
    const eta = fraction > 0 ? elapsed * (1 / fraction - 1) : Number.NaN;
    const etaText = Number.isFinite(eta) ? `, ${eta.toFixed(1)} s left` : "";
    process.stderr.write(
      `\r${options.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0)}% (${done}/${options.total}${etaText})  `,
    );
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < options.total) return;
      lastDraw = now;
      draw(done);
    },
    finish() {
      process.stderr.write("\r\x1b[2K");
    },
  };
}

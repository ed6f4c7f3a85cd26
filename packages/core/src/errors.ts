/**
 * Typed errors shared by every mfkit package.
 *
 * Every failure that a user can cause (bad input, a solver that cannot go on, an interrupted run)
 * is an {@link MfkitError}: it carries a stable machine-readable `code` and a `path` naming the
 * offending place (`["game", "transitions", 2, 0, 1]`, `["learners", 1, "alpha"]`), so a caller
 * can react programmatically and a person reads where the problem is.
 */

/** Stable error codes. Add new codes here rather than inventing strings at call sites. */
export type MfkitErrorCode =
  | "invalid-argument"
  | "invalid-shape"
  | "invalid-probability"
  | "non-finite"
  | "missing-field"
  | "unknown-name"
  | "reducible-chain"
  | "singular-system"
  | "not-converged"
  | "ode-step-underflow"
  | "ode-blow-up"
  | "ode-too-many-steps"
  | "interrupted"
  | "invalid-expression";

/** A path into a user input: object keys and array indices, outermost first. */
export type ErrorPath = ReadonlyArray<string | number>;

/** Renders a path as `game.transitions[2][0][1]`. */
export function formatPath(path: ErrorPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** The one error class of mfkit: a code, a path to the offending place, optional details. */
export class MfkitError extends Error {
  override readonly name = "MfkitError";
  readonly code: MfkitErrorCode;
  readonly path: ErrorPath;
  /** What is wrong, without the path prefix of `message`. */
  readonly reason: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: MfkitErrorCode,
    message: string,
    path: ErrorPath = [],
    details?: Record<string, unknown>,
  ) {
    const where = path.length > 0 ? `${formatPath(path)}: ` : "";
    super(`${where}${message}`);
    this.code = code;
    this.path = path;
    this.reason = message;
    this.details = details;
  }
}

/** Type guard for {@link MfkitError}. */
export function isMfkitError(value: unknown): value is MfkitError {
  return value instanceof MfkitError;
}

/**
 * Runs `run` and returns the {@link MfkitError} it throws. Throws if `run` returns normally or throws
 * anything else (an untyped exception is a bug). Meant for tests of bad-input handling.
 */
export function captureMfkitError(run: () => unknown): MfkitError {
  try {
    run();
  } catch (error) {
    if (error instanceof MfkitError) return error;
    throw error;
  }
  throw new Error("expected an MfkitError, but nothing was thrown");
}

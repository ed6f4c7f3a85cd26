/**
 * Validation results at the API edge, as fp-ts `Either`s: `Left` holds every problem found
 * (not only the first), `Right` the validated value. Internals throw {@link MfkitError};
 * public parse/validate functions return a {@link Validation} and offer an `orThrow` variant.
 */
import * as E from "fp-ts/lib/Either.js";
import { MfkitError } from "./errors.js";

/** Either a list of typed errors or a valid value. */
export type Validation<T> = E.Either<ReadonlyArray<MfkitError>, T>;

/** A successful validation. */
export const valid = <T>(value: T): Validation<T> => E.right(value);

/** A failed validation with one or more errors. */
export const invalid = <T = never>(errors: ReadonlyArray<MfkitError>): Validation<T> => E.left(errors);

/**
 * Runs a function that throws {@link MfkitError} and captures the error as a `Left`.
 * Any other exception is a bug and is rethrown.
 */
export function tryValidate<T>(run: () => T): Validation<T> {
  try {
    return valid(run());
  } catch (error) {
    if (error instanceof MfkitError) return invalid([error]);
    throw error;
  }
}

/**
 * Returns the value, or throws: the error itself when there is one, else an error with the first one's code and
 * message, a count of the others, and every error in `details.errors`.
 */
export function getOrThrow<T>(result: Validation<T>): T {
  if (E.isRight(result)) return result.right;
  const [first, ...rest] = result.left;
  if (first === undefined) throw new Error("getOrThrow: a Left with no errors");
  if (rest.length === 0) throw first;
  throw new MfkitError(first.code, `${first.message} (and ${rest.length} more problem(s))`, [], {
    errors: result.left,
  });
}

export { E as Either };

/**
 * The random streams this package draws from: `@mfkit/core`'s seeded xoshiro128** streams, one per
 * (seed, streamIndex), so a run is bit-reproducible and replicates are independent.
 */
import { createRandomStream, type RandomStream } from "@mfkit/core";

/** The uniform source used by the simulators and samplers (core's {@link RandomStream}). */
export type TmfRandom = RandomStream;

/** Stream `streamIndex` of `seed` (core's `createRandomStream`). */
export function createTmfStream(seed: number | string, streamIndex = 0): TmfRandom {
  return createRandomStream(seed, streamIndex);
}

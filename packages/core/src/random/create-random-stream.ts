/**
 * Reproducible, independent random streams: stream k of seed s.
 *
 * The 128-bit xoshiro128** state of stream (s, k) is a hash of (s, k): the seed becomes a 64-bit key (the IEEE
 * bits of a number seed; for a string seed, two words of seedrandom's ARC4 keyed by the string), the key and
 * the stream index are mixed with the SplitMix64 finaliser, and two SplitMix64 outputs give the four state
 * words. So stream k does not depend on how many streams exist, on which worker makes it, or on the order in
 * which streams are created; creating it costs O(1) whatever k is. Distinct (s, k) pairs get unrelated
 * starting points on the 2¹²⁸ − 1 cycle; the chance that any two of S streams of L draws overlap is below
 * S²L/2¹²⁸ (≈ 2⁻⁴⁸ for a million streams of 2⁴⁰ draws).
 */
import seedrandom from "seedrandom";
import { MfkitError } from "../errors.js";
import { type RandomStream, Xoshiro128StarStar } from "./xoshiro128.js";

const MASK_64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output finaliser (Stafford's Mix13 variant): a bijection of 64-bit words with full avalanche. */
export function mix64(z: bigint): bigint {
  let x = z & MASK_64;
  x = ((x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  x = ((x ^ (x >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return x ^ (x >> 31n);
}

/** The 64-bit key of a seed: IEEE-754 bits of a finite number, or seedrandom's ARC4 hash of a string. */
export function seedKey(seed: number | string): bigint {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) {
      throw new MfkitError("invalid-argument", `a numeric seed must be finite, got ${seed}`, ["seed"]);
    }
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, seed === 0 ? 0 : seed); // −0 and +0 are the same seed
    return view.getBigUint64(0);
  }
  if (typeof seed !== "string") {
    throw new MfkitError("invalid-argument", "the seed must be a number or a string", ["seed"]);
  }
  // ARC4 keyed by the string (seedrandom's key schedule); its first two 32-bit outputs form the key.
  // A domain tag keeps string keys apart from number keys with equal bits.
  const arc4 = seedrandom(seed);
  const hi = BigInt(arc4.int32() >>> 0);
  const lo = BigInt(arc4.int32() >>> 0);
  return ((hi << 32n) | lo) ^ 0x5354524e47534545n;
}

/** The four xoshiro128** state words of stream `streamIndex` of `seed`. */
export function streamState(seed: number | string, streamIndex = 0): [number, number, number, number] {
  return streamStateOfKey(seedKey(seed), streamIndex);
}

/** {@link streamState} from the seed's {@link seedKey}, for callers that make many streams of one seed. */
export function streamStateOfKey(seedKeyBits: bigint, streamIndex: number): [number, number, number, number] {
  if (!(Number.isInteger(streamIndex) && streamIndex >= 0 && streamIndex <= Number.MAX_SAFE_INTEGER)) {
    throw new MfkitError("invalid-argument", `the stream index must be an integer ≥ 0, got ${streamIndex}`, [
      "streamIndex",
    ]);
  }
  const key = mix64(seedKeyBits + GOLDEN_GAMMA);
  let z = mix64(key ^ mix64(BigInt(streamIndex) * GOLDEN_GAMMA + 0x632be59bd9b4e019n));
  z = (z + GOLDEN_GAMMA) & MASK_64;
  const a = mix64(z);
  z = (z + GOLDEN_GAMMA) & MASK_64;
  const b = mix64(z);
  const words: [number, number, number, number] = [
    Number(a >> 32n),
    Number(a & 0xffffffffn),
    Number(b >> 32n),
    Number(b & 0xffffffffn),
  ];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[3] = 1; // the one forbidden state
  return words;
}

/**
 * Stream `streamIndex` (default 0) of `seed`: a {@link RandomStream} (xoshiro128**) whose outputs depend only
 * on (seed, streamIndex). Use one stream per replica or worker: stream k is the same whatever the number of
 * workers and whatever other streams were created.
 */
export function createRandomStream(seed: number | string, streamIndex = 0): Xoshiro128StarStar {
  return createRandomStreamOfKey(seedKey(seed), streamIndex);
}

/**
 * {@link createRandomStream} from the seed's {@link seedKey}: the same stream, without hashing the seed again
 * (a string seed costs an ARC4 key schedule). For loops that create one stream per replica.
 */
export function createRandomStreamOfKey(seedKeyBits: bigint, streamIndex: number): Xoshiro128StarStar {
  const [s0, s1, s2, s3] = streamStateOfKey(seedKeyBits, streamIndex);
  return new Xoshiro128StarStar(s0, s1, s2, s3);
}

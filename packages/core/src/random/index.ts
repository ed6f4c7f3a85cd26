/** Seeded random streams (xoshiro128**, hashed stream derivation) and sampling helpers. */
export { AliasTable, createAliasTable } from "./alias-table.js";
export { createRandomStream, mix64, seedKey, streamState } from "./create-random-stream.js";
export { sampleIndex, sampleNormalizedIndex } from "./sample-index.js";
export { type RandomStream, Xoshiro128StarStar } from "./xoshiro128.js";

/** @mfkit/cli (being written). */
export {};

/** @mfkit/induced-mfg (being written). */
export {};

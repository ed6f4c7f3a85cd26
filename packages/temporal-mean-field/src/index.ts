/** @mfkit/temporal-mean-field (being written). */
export {};

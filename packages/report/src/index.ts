/** @mfkit/report (being written). */
export {};

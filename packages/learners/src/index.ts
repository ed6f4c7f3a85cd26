/** @mfkit/learners (being written). */
export {};

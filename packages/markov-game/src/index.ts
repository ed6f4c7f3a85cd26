/** @mfkit/markov-game (being written). */
export {};

/**
 * @mfkit/learners: learning rules as plugins of the Markov-game engine.
 */
export * from "./counterfactual-q-learning.js";
export * from "./options.js";
export * from "./q-learning.js";
export * from "./registry.js";
export * from "./softmax-epsilon.js";
export * from "./tabular-q.js";

/**
 * @mfkit/learners: learning rules as plugins of the Markov-game engine.
 */
export * from "./counterfactual-q-learning.js";
export * from "./cross-learning.js";
export * from "./faq-learning.js";
export * from "./mean-field-q-learning.js";
export * from "./options.js";
export * from "./policy-mirror-descent.js";
export * from "./q-learning.js";
export * from "./registry.js";
export * from "./sarsa.js";
export * from "./softmax-epsilon.js";
export * from "./softmax-policy-gradient.js";
export * from "./tabular-q.js";
export * from "./td0.js";

/** The built-in environments and their registry. */
export * from "./beach-bar.js";
export * from "./building-evacuation.js";
export * from "./conservative-treasure-hunting.js";
export * from "./crowd-modelling.js";
export * from "./crowd-motion.js";
export * from "./equilibrium-price.js";
export * from "./left-right.js";
export * from "./linear-quadratic.js";
export * from "./random-linear.js";
export * from "./registry.js";
export * from "./rock-paper-scissors.js";
export * from "./susceptible-infected.js";
export type { EnvironmentInfo, EnvironmentParam } from "./types.js";

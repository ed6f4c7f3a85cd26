/** The built-in environments and their registry. */
export * from "./left-right.js";
export * from "./registry.js";
export * from "./rock-paper-scissors.js";

/** Linear complementarity problems: Lemke's method with an optional warm start. */
export { type LcpOptions, type LcpResult, solveLcp } from "./lemke.js";

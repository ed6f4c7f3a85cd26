/** Statistics for comparing simulations with their limits: running moments, normal quantiles, bands. */
export { type BandComparison, compareWithBand } from "./compare-with-band.js";
export { logFactorial, logFactorialDifference } from "./log-factorial.js";
export { logNormalCdf, normalCdf, normalQuantile } from "./normal-quantile.js";
export { RunningMoments } from "./running-moments.js";
export { supNorm } from "./sup-norm.js";

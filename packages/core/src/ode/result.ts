/** Builds the {@link OdeSolution} record and its message from how a solve ended. */
import type { OutputRecorder } from "./output.js";
import type { OdeMethod, OdeSolution, OdeStats, OdeStatus } from "./types.js";

/** Fresh zeroed work counters. */
export function emptyStats(): OdeStats {
  return { steps: 0, accepted: 0, rejected: 0, rhsEvals: 0, jacobianEvals: 0, decompositions: 0 };
}

/** Details for the message of a failed solve. */
export interface EndDetails {
  /** Step size involved (step-underflow, non-finite). */
  h?: number;
  /** Smallest allowed step (step-underflow). */
  hMin?: number;
  /** Max-norm of the state (blow-up). */
  norm?: number;
  threshold?: number;
  maxSteps?: number;
}

function describe(status: OdeStatus, t: number, d: EndDetails): string {
  switch (status) {
    case "success":
      return `reached t = ${t}`;
    case "step-underflow":
      return `step size ${d.h} fell below the minimum ${d.hMin} at t = ${t}`;
    case "blow-up":
      return `state max-norm ${d.norm} exceeded ${d.threshold} at t = ${t}`;
    case "non-finite":
      return `the right-hand side or the state became non-finite at t = ${t}`;
    case "max-steps":
      return `stopped after ${d.maxSteps} step attempts at t = ${t}`;
    case "interrupted":
      return `interrupted at t = ${t}`;
  }
}

/** Assembles the solution record. */
export function makeSolution(
  method: OdeMethod,
  status: OdeStatus,
  tReached: number,
  output: OutputRecorder,
  stats: OdeStats,
  details: EndDetails = {},
): OdeSolution {
  return {
    status,
    message: `${method}: ${describe(status, tReached, details)}`,
    tReached,
    t: output.t,
    y: output.y,
    stats,
  };
}

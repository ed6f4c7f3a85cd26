/**
 * The registry of built-in environments: MFGLib's ten (with MFGLib's names, parameters and
 * defaults) and OpenSpiel's 1-D crowd modelling. `createEnvironment(name, params)` accepts typed
 * values or the strings a command line gives ("T=20" → { T: "20" } → 20).
 */
import { MfkitError } from "@mfkit/core";
import type { MeanFieldGame } from "../model.js";
import { beachBarInfo, createBeachBar } from "./beach-bar.js";
import { buildingEvacuationInfo, createBuildingEvacuation } from "./building-evacuation.js";
import {
  conservativeTreasureHuntingInfo,
  createConservativeTreasureHunting,
} from "./conservative-treasure-hunting.js";
import { createCrowdModelling, crowdModellingInfo } from "./crowd-modelling.js";
import { createCrowdMotion, crowdMotionInfo } from "./crowd-motion.js";
import { createEquilibriumPrice, equilibriumPriceInfo } from "./equilibrium-price.js";
import { createLeftRight, leftRightInfo } from "./left-right.js";
import { createLinearQuadratic, linearQuadraticInfo } from "./linear-quadratic.js";
import { createRandomLinear, randomLinearInfo } from "./random-linear.js";
import { createRockPaperScissors, rockPaperScissorsInfo } from "./rock-paper-scissors.js";
import { createSusceptibleInfected, susceptibleInfectedInfo } from "./susceptible-infected.js";
import type { EnvironmentInfo, EnvironmentParam } from "./types.js";

export type { EnvironmentInfo, EnvironmentParam } from "./types.js";

interface RegistryEntry {
  readonly info: EnvironmentInfo;
  // biome-ignore lint/suspicious/noExplicitAny: each factory checks its own typed options.
  readonly create: (params: any) => MeanFieldGame;
}

const ENTRIES: readonly RegistryEntry[] = [
  { info: rockPaperScissorsInfo, create: createRockPaperScissors },
  { info: leftRightInfo, create: createLeftRight },
  { info: susceptibleInfectedInfo, create: createSusceptibleInfected },
  { info: beachBarInfo, create: createBeachBar },
  { info: crowdMotionInfo, create: createCrowdMotion },
  { info: buildingEvacuationInfo, create: createBuildingEvacuation },
  { info: conservativeTreasureHuntingInfo, create: createConservativeTreasureHunting },
  { info: equilibriumPriceInfo, create: createEquilibriumPrice },
  { info: linearQuadraticInfo, create: createLinearQuadratic },
  { info: randomLinearInfo, create: createRandomLinear },
  { info: crowdModellingInfo, create: createCrowdModelling },
];

function cloneInfo(info: EnvironmentInfo): EnvironmentInfo {
  return {
    ...info,
    params: info.params.map((p) => ({
      ...p,
      default: Array.isArray(p.default) ? [...p.default] : p.default,
    })),
  };
}

/** The built-in environments with their parameters and defaults (fresh copies). */
export function listEnvironments(): EnvironmentInfo[] {
  return ENTRIES.map((e) => cloneInfo(e.info));
}

/** Names of the built-in environments, in listing order. */
export function environmentNames(): string[] {
  return ENTRIES.map((e) => e.info.name);
}

function illTyped(env: string, param: EnvironmentParam, value: unknown): never {
  const shown = typeof value === "string" ? `"${value}"` : Array.isArray(value) ? "[…]" : String(value);
  throw new MfkitError(
    "invalid-argument",
    `${env}: parameter '${param.name}' must be of type ${param.type} (got ${shown})`,
    ["params", param.name],
  );
}

function coerceNumber(env: string, param: EnvironmentParam, value: unknown): number {
  let v = value;
  if (typeof v === "string") {
    const trimmed = v.trim();
    v = trimmed === "" ? Number.NaN : Number(trimmed);
  }
  if (typeof v !== "number" || !Number.isFinite(v)) illTyped(env, param, value);
  if (param.type === "integer" && !Number.isInteger(v)) illTyped(env, param, value);
  return v;
}

/** Converts one parameter value (typed, or a string from the CLI) to the declared type. */
function coerceParam(env: string, param: EnvironmentParam, value: unknown): unknown {
  switch (param.type) {
    case "number":
    case "integer":
      return coerceNumber(env, param, value);
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "1") return true;
      if (value === "false" || value === "0") return false;
      return illTyped(env, param, value);
    case "string":
      if (typeof value !== "string") illTyped(env, param, value);
      return value;
    case "number[]": {
      let items: unknown = value;
      if (typeof value === "string") {
        const text = value.trim();
        if (text.startsWith("[")) {
          try {
            items = JSON.parse(text);
          } catch {
            illTyped(env, param, value);
          }
        } else {
          items = text === "" ? [] : text.split(",");
        }
      } else if (value instanceof Float64Array || value instanceof Float32Array) {
        items = Array.from(value);
      }
      if (!Array.isArray(items)) illTyped(env, param, value);
      return items.map((x: unknown) => coerceNumber(env, { ...param, type: "number" }, x));
    }
  }
}

/**
 * Creates a built-in environment by name. Unknown names give `unknown-name` (listing the valid
 * names); unknown parameters give `unknown-name` naming the parameter; ill-typed or out-of-range
 * values give `invalid-argument` with path ["params", name]. Absent / null values take the defaults.
 */
export function createEnvironment(name: string, params: Record<string, unknown> = {}): MeanFieldGame {
  const entry = ENTRIES.find((e) => e.info.name === name);
  if (entry === undefined) {
    throw new MfkitError(
      "unknown-name",
      `unknown environment '${name}' (valid: ${environmentNames().join(", ")})`,
      ["environment"],
      { valid: environmentNames() },
    );
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new MfkitError("invalid-argument", `${name}: parameters must be an object`, ["params"]);
  }
  const typed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const param = entry.info.params.find((p) => p.name === key);
    if (param === undefined) {
      const known = entry.info.params.map((p) => p.name);
      throw new MfkitError(
        "unknown-name",
        `${name}: unknown parameter '${key}' (known: ${known.join(", ") || "none"})`,
        ["params", key],
        { known },
      );
    }
    if (value === undefined || value === null) continue;
    typed[key] = coerceParam(name, param, value);
  }
  return entry.create(typed);
}

/**
 * The TMF game registry: `resource-selection`, `queueing`, and `mfg:<name>` for any
 * `@mfkit/mean-field` environment wrapped with an identity passive kernel. Parameters may be typed
 * values or the strings a command line gives (`capacities=0.2,0.3,0.5`, `horizon=30`).
 */
import { MfkitError } from "@mfkit/core";
import { createEnvironment, environmentNames } from "@mfkit/mean-field";
import type { TemporalMeanFieldGame } from "../model.js";
import { fromMeanFieldGame } from "./from-mean-field.js";
import { createQueueing } from "./queueing.js";
import { createResourceSelection } from "./resource-selection.js";

type Kind = "number" | "integer" | "number[]" | "string";

interface ParamInfo {
  name: string;
  type: Kind;
  description: string;
}

interface Entry {
  name: string;
  description: string;
  params: ParamInfo[];
  create: (params: Record<string, unknown>) => TemporalMeanFieldGame;
}

const COMMON: ParamInfo[] = [
  { name: "horizon", type: "integer", description: "last epoch T (default 50)" },
  { name: "discount", type: "number", description: "γ ∈ (0, 1] (default 0.95)" },
  { name: "mu0", type: "number[]", description: "initial distribution" },
];

const ENTRIES: Entry[] = [
  {
    name: "resource-selection",
    description:
      "M resources with congestion costs c_m(x) = x/κ_m; idle agents hold their resource (P0 = id).",
    params: [
      { name: "capacities", type: "number[]", description: "κ (default .10,.15,.20,.25,.30)" },
      { name: "switchingCost", type: "number", description: "s ≥ 0 (default 0)" },
      { name: "passiveReward", type: "string", description: "holding | zero (default holding)" },
      ...COMMON,
    ],
    create: (p) => createResourceSelection(p as never),
  },
  {
    name: "queueing",
    description: "K processor-sharing queues; service applies to active and idle agents.",
    params: [
      { name: "capacities", type: "number[]", description: "service capacities s_k (default .2,.3,.5)" },
      { name: "arrivalRate", type: "number", description: "λ_arr (default 0.3)" },
      { name: "switchingCost", type: "number", description: "c_sw (default 0.5)" },
      { name: "arrivals", type: "string", description: "on-activation | exogenous (default on-activation)" },
      ...COMMON,
    ],
    create: (p) => createQueueing(p as never),
  },
];

/** Names of the TMF games (the `mfg:` family lists the wrapped mean-field environments). */
export function tmfGameNames(): string[] {
  return [...ENTRIES.map((e) => e.name), ...environmentNames().map((n) => `mfg:${n}`)];
}

/** The built-in TMF games with their parameters. */
export function listTmfGames(): Array<{ name: string; description: string; params: ParamInfo[] }> {
  return ENTRIES.map(({ name, description, params }) => ({ name, description, params: [...params] }));
}

function coerce(game: string, param: ParamInfo, value: unknown): unknown {
  const fail = (): never => {
    throw new MfkitError(
      "invalid-argument",
      `${game}: parameter '${param.name}' must be of type ${param.type}`,
      ["params", param.name],
    );
  };
  if (param.type === "string") return typeof value === "string" ? value : fail();
  if (param.type === "number[]") {
    const items = typeof value === "string" ? value.split(",").map((x) => Number(x.trim())) : value;
    if (
      !Array.isArray(items) ||
      items.length === 0 ||
      items.some((x) => typeof x !== "number" || !Number.isFinite(x))
    ) {
      return fail();
    }
    return items;
  }
  const v = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof v !== "number" || !Number.isFinite(v)) return fail();
  if (param.type === "integer" && !Number.isInteger(v)) return fail();
  return v;
}

/** Creates a TMF game by name with typed or string parameters. */
export function createTmfGame(name: string, params: Record<string, unknown> = {}): TemporalMeanFieldGame {
  if (name.startsWith("mfg:")) {
    const { horizon, discount, passiveReward, ...rest } = params;
    const mfg = createEnvironment(name.slice(4), rest);
    const options: { horizon?: number; discount?: number; passiveReward?: "zero" | "average" } = {};
    if (horizon !== undefined) options.horizon = coerce(name, COMMON[0], horizon) as number;
    if (discount !== undefined) options.discount = coerce(name, COMMON[1], discount) as number;
    if (passiveReward !== undefined) options.passiveReward = passiveReward as "zero" | "average";
    return fromMeanFieldGame(mfg, options);
  }
  return findEntry(name).create(tmfGameParams(name, params));
}

function findEntry(name: string): Entry {
  const entry = ENTRIES.find((e) => e.name === name);
  if (entry === undefined) {
    throw new MfkitError(
      "unknown-name",
      `unknown TMF game '${name}' (valid: ${tmfGameNames().join(", ")})`,
      ["env"],
      {
        valid: tmfGameNames(),
      },
    );
  }
  return entry;
}

/**
 * The typed options of a named game (`resource-selection`, `queueing`) from typed or string
 * parameters, as `createTmfGame` passes them to the game's constructor; unknown names are typed errors.
 */
export function tmfGameParams(name: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const entry = findEntry(name);
  const typed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const param = entry.params.find((p) => p.name === key);
    if (param === undefined) {
      throw new MfkitError(
        "invalid-argument",
        `${name}: unknown parameter '${key}' (valid: ${entry.params.map((p) => p.name).join(", ")})`,
        ["params", key],
      );
    }
    typed[key] = coerce(name, param, value);
  }
  return typed;
}

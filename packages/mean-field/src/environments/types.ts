/** Descriptions of the built-in environments and their parameters (for listings, the CLI and docs). */

/** One constructor parameter of a built-in environment. */
export interface EnvironmentParam {
  /** The parameter name, as MFGLib / OpenSpiel spell it. */
  name: string;
  /** Its type; `number[]` values may be given as JSON or comma-separated strings from the CLI. */
  type: "number" | "integer" | "boolean" | "number[]" | "string";
  /** The default value (`null` for data drawn or derived at construction, e.g. a uniform μ0). */
  default: unknown;
  description: string;
}

/** A built-in environment: its name, a one-line description, its source and its parameters. */
export interface EnvironmentInfo {
  name: string;
  description: string;
  /** Where the definition comes from (paper and peer library). */
  source: string;
  params: EnvironmentParam[];
}

/**
 * Safe arithmetic expressions for user-defined environments, parsed and compiled once with mathjs.
 *
 * Only a whitelisted subset of mathjs is accepted: numbers and booleans, the symbols of the context,
 * the operators + − * / ^ mod, comparisons, and/or/not/xor, `c ? x : y`, parentheses, and calls of
 * whitelisted functions. Assignments, function definitions, `import`, property access, indexing,
 * matrices, objects, ranges, units, strings and blocks are rejected at parse time with an
 * `invalid-expression` error naming the field and the offending symbol or construct.
 */
import { type ErrorPath, formatPath, MfkitError } from "@mfkit/core";
import { type EvalFunction, type MathNode, parse } from "mathjs";

/** mathjs functions that expressions may call (pure, numeric). */
const MATH_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs",
  "exp",
  "log",
  "log10",
  "log2",
  "log1p",
  "expm1",
  "sqrt",
  "cbrt",
  "pow",
  "min",
  "max",
  "floor",
  "ceil",
  "round",
  "fix",
  "mod",
  "sign",
  "sin",
  "cos",
  "tan",
  "tanh",
  "sinh",
  "cosh",
  "atan",
  "atan2",
  "asin",
  "acos",
  "hypot",
]);

/** mathjs constants that expressions may read. */
const MATH_CONSTANTS: ReadonlySet<string> = new Set(["pi", "e"]);

const OPERATORS: ReadonlySet<string> = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "mod",
  "unaryMinus",
  "unaryPlus",
  "equal",
  "unequal",
  "smaller",
  "larger",
  "smallerEq",
  "largerEq",
  "and",
  "or",
  "not",
  "xor",
]);

/** Names no user constant may take: the context symbols, mathjs functions and constants. */
export function isReservedName(name: string): boolean {
  return MATH_FUNCTIONS.has(name) || MATH_CONSTANTS.has(name) || CONTEXT_NAMES.has(name);
}

/** Every symbol the environment context can provide. */
const CONTEXT_NAMES: ReadonlySet<string> = new Set([
  "t",
  "s",
  "a",
  "next",
  "T",
  "nS",
  "nA",
  "mu",
  "L",
  "clip",
]);

/** What an expression may refer to. */
export interface ExpressionContext {
  /** Scalar symbols (e.g. t, s, a, T, constants). */
  readonly scalars: ReadonlySet<string>;
  /** Symbols that must be called as functions (mu, L, clip, array constants). */
  readonly functions: ReadonlySet<string>;
}

/** A parsed, checked and compiled expression. */
export interface CompiledExpression {
  readonly source: string;
  /** True when it calls mu(·) or L(·,·). */
  readonly usesMeanField: boolean;
  /** True when it reads t. */
  readonly usesTime: boolean;
  /** Every symbol it reads or calls. */
  readonly symbols: ReadonlySet<string>;
  readonly compiled: EvalFunction;
}

function invalid(path: ErrorPath, message: string, details: Record<string, unknown> = {}): never {
  throw new MfkitError("invalid-expression", message, path, details);
}

/** A valid identifier for constants and symbols. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * Parses `source` with mathjs, checks it against the whitelist and the context, and compiles it.
 * Throws `invalid-expression` (path = the field) for syntax errors, forbidden constructs and
 * unknown symbols; the message names the field and the symbol.
 */
export function compileExpression(
  source: string,
  path: ErrorPath,
  context: ExpressionContext,
): CompiledExpression {
  const where = formatPath(path);
  if (source.length > 10_000)
    invalid(path, `expression in ${where} is too long (${source.length} characters)`);
  let root: MathNode;
  try {
    root = parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    invalid(path, `syntax error in ${where}: ${reason} (in "${source}")`, { source });
  }
  const symbols = new Set<string>();
  try {
    checkTree(root, source, path, where, context, symbols);
  } catch (error) {
    if (error instanceof MfkitError) throw error;
    invalid(path, `${where}: cannot check "${source.slice(0, 200)}": ${String(error)}`, { source });
  }
  let compiled: EvalFunction;
  try {
    compiled = root.compile();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    invalid(path, `${where}: cannot compile "${source}": ${reason}`, { source });
  }
  return {
    source,
    usesMeanField: symbols.has("mu") || symbols.has("L"),
    usesTime: symbols.has("t"),
    symbols,
    compiled,
  };
}

function checkTree(
  root: MathNode,
  source: string,
  path: ErrorPath,
  where: string,
  context: ExpressionContext,
  symbols: Set<string>,
): void {
  root.traverse((node: MathNode, nodePath: string, parent: MathNode | null) => {
    switch (node.type) {
      case "ConstantNode": {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== "number" && typeof value !== "boolean") {
          invalid(path, `${where}: only numbers and booleans are allowed as literals (in "${source}")`, {
            source,
          });
        }
        return;
      }
      case "ParenthesisNode":
      case "ConditionalNode":
      case "RelationalNode":
        return;
      case "OperatorNode": {
        const fn = (node as unknown as { fn: string; op: string }).fn;
        if (!OPERATORS.has(fn)) {
          const op = (node as unknown as { op: string }).op;
          invalid(path, `${where}: operator '${op}' is not allowed (in "${source}")`, { symbol: op, source });
        }
        return;
      }
      case "FunctionNode": {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== "SymbolNode")
          invalid(path, `${where}: only named functions may be called (in "${source}")`);
        return;
      }
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        const called = parent !== null && parent.type === "FunctionNode" && nodePath === "fn";
        if (called) {
          if (!MATH_FUNCTIONS.has(name) && !context.functions.has(name)) {
            invalid(path, `${where}: unknown function '${name}' (in "${source}")`, { symbol: name, source });
          }
        } else if (!context.scalars.has(name) && !MATH_CONSTANTS.has(name)) {
          const hint = context.functions.has(name) ? ` ('${name}' must be called, e.g. ${name}(0))` : "";
          invalid(path, `${where}: unknown symbol '${name}'${hint} (in "${source}")`, {
            symbol: name,
            source,
          });
        }
        symbols.add(name);
        return;
      }
      case "AssignmentNode":
      case "FunctionAssignmentNode":
        invalid(path, `${where}: assignments and function definitions are not allowed (in "${source}")`, {
          source,
        });
        break;
      default:
        invalid(path, `${where}: ${node.type} is not allowed in an expression (in "${source}")`, { source });
    }
  });
}

/**
 * Evaluates a compiled expression in `scope` to a finite number (booleans count as 0/1). Any
 * evaluation failure or non-finite / non-real result is an `invalid-expression` or `non-finite`
 * error naming the field and `where` (e.g. "t=2, s=0, a=1").
 */
export function evaluateNumber(
  expression: CompiledExpression,
  scope: Map<string, unknown>,
  path: ErrorPath,
  where: string,
): number {
  let value: unknown;
  try {
    value = expression.compiled.evaluate(scope);
  } catch (error) {
    if (error instanceof MfkitError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    invalid(path, `${formatPath(path)}: evaluating "${expression.source}" at ${where} failed: ${reason}`);
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "number") {
    invalid(path, `${formatPath(path)}: "${expression.source}" at ${where} is not a real number`);
  }
  if (!Number.isFinite(value)) {
    throw new MfkitError("non-finite", `"${expression.source}" at ${where} evaluates to ${value}`, path);
  }
  return value;
}

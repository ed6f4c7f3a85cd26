/**
 * Safe arithmetic expressions for user-defined environments, parsed once with mathjs.
 *
 * Only a whitelisted subset of mathjs is accepted: numbers and booleans, the symbols of the context,
 * the operators + − * / ^ mod, comparisons, and/or/not/xor, `c ? x : y`, parentheses, and calls of
 * whitelisted functions. Assignments, function definitions, `import`, property access, indexing,
 * matrices, objects, ranges, units, strings and blocks are rejected at parse time with an
 * `invalid-expression` error naming the field and the offending symbol or construct.
 *
 * Evaluation. The checked tree is compiled once into JavaScript closures over a small variable
 * vector (t, s, a, next), with constants and constant subtrees folded. Plain arithmetic (+ − * /,
 * unary ±) is native — exactly what mathjs does for numbers — and every other operator and function
 * (comparisons with mathjs's relative tolerance, ^, mod, round, …) calls the mathjs function itself,
 * so results equal mathjs's own `compile().evaluate()` (a property test checks this) at a fraction of
 * its per-node cost and without allocating per evaluation.
 */
import { type ErrorPath, formatPath, MfkitError } from "@mfkit/core";
import * as mathjs from "mathjs";
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
const MATH_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ["pi", Math.PI],
  ["e", Math.E],
]);

/** Operators (mathjs function names) that expressions may use. */
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

/** Every symbol an environment context can provide. */
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

/** Names no user constant may take: the context symbols, mathjs functions and constants. */
export function isReservedName(name: string): boolean {
  return MATH_FUNCTIONS.has(name) || MATH_CONSTANTS.has(name) || CONTEXT_NAMES.has(name);
}

/** A valid identifier for constants and symbols. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** A function an expression may call, with numeric arguments. */
export type ExpressionFunction = (...args: number[]) => number;

/** What an expression may refer to. */
export interface ExpressionContext {
  /** Variables and their slot in the vector given to `evaluate` (e.g. t → 0, s → 1). */
  readonly variables: ReadonlyMap<string, number>;
  /** Named numbers, folded at compile time. */
  readonly constants: ReadonlyMap<string, number>;
  /** Named functions that must be called (e.g. mu, L, clip, array constants). */
  readonly functions: ReadonlyMap<string, ExpressionFunction>;
  /**
   * When given, the variables s, a (and next) are integer indices in 0..nStates−1 / 0..nActions−1:
   * in a mean-field-dependent expression, every maximal subtree that depends only on them (not on t,
   * mu or L) is then memoised per (s, a, next), so repeated calls only evaluate the mean-field part.
   */
  readonly cells?: { readonly nStates: number; readonly nActions: number };
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
  /** The value at a variable vector (a number or a boolean; check with {@link evaluateNumber}). */
  evaluate(vars: Float64Array): unknown;
  /** mathjs's own compiled form of the same tree: the reference semantics. */
  readonly reference: EvalFunction;
}

function invalid(path: ErrorPath, message: string, details: Record<string, unknown> = {}): never {
  throw new MfkitError("invalid-expression", message, path, details);
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
  if (source.length > 10_000) invalid(path, `expression is too long (${source.length} characters)`);
  let root: MathNode;
  try {
    root = parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    invalid(path, `syntax error: ${reason} (in "${source}")`, { source });
  }
  const symbols = new Set<string>();
  let evaluate: (vars: Float64Array) => unknown;
  let reference: EvalFunction;
  try {
    checkTree(root, source, path, context, symbols);
    const memoise = symbols.has("mu") || symbols.has("L");
    evaluate = new ClosureCompiler(context, path, memoise).compile(root);
    reference = root.compile();
  } catch (error) {
    if (error instanceof MfkitError) throw error;
    invalid(path, `cannot compile "${source.slice(0, 200)}": ${String(error)}`, { source });
  }
  return {
    source,
    usesMeanField: symbols.has("mu") || symbols.has("L"),
    usesTime: symbols.has("t"),
    symbols,
    evaluate,
    reference,
  };
}

function checkTree(
  root: MathNode,
  source: string,
  path: ErrorPath,
  context: ExpressionContext,
  symbols: Set<string>,
): void {
  root.traverse((node: MathNode, nodePath: string, parent: MathNode | null) => {
    switch (node.type) {
      case "ConstantNode": {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== "number" && typeof value !== "boolean") {
          invalid(path, `only numbers and booleans are allowed as literals (in "${source}")`, {
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
        const { fn, op } = node as unknown as { fn: string; op: string };
        if (!OPERATORS.has(fn)) {
          invalid(path, `operator '${op}' is not allowed (in "${source}")`, { symbol: op, source });
        }
        return;
      }
      case "FunctionNode": {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== "SymbolNode") invalid(path, `only named functions may be called (in "${source}")`);
        return;
      }
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        const called = parent !== null && parent.type === "FunctionNode" && nodePath === "fn";
        if (called) {
          if (!MATH_FUNCTIONS.has(name) && !context.functions.has(name)) {
            invalid(path, `unknown function '${name}' (in "${source}")`, { symbol: name, source });
          }
        } else if (
          !context.variables.has(name) &&
          !context.constants.has(name) &&
          !MATH_CONSTANTS.has(name)
        ) {
          const hint = context.functions.has(name) ? ` ('${name}' must be called, e.g. ${name}(0))` : "";
          invalid(path, `unknown symbol '${name}'${hint} (in "${source}")`, {
            symbol: name,
            source,
          });
        }
        symbols.add(name);
        return;
      }
      case "AssignmentNode":
      case "FunctionAssignmentNode":
        invalid(path, `assignments and function definitions are not allowed (in "${source}")`, {
          source,
        });
        break;
      default:
        invalid(path, `${node.type} is not allowed in an expression (in "${source}")`, { source });
    }
  });
}

type Closure = (vars: Float64Array) => unknown;

/** A numeric result of a mathjs function (numbers and booleans pass; Complex, matrices… do not). */
function real(value: unknown, name: string, path: ErrorPath): unknown {
  if (typeof value === "number" || typeof value === "boolean") return value;
  return invalid(path, `${name}(…) did not give a real number`);
}

/** mathjs's truth test of a condition (numbers: nonzero and not NaN; booleans as such). */
function truthy(value: unknown): boolean {
  return typeof value === "number" ? !!value : value === true;
}

/** A compiled subtree and what it depends on. */
interface Built {
  readonly run: Closure;
  /** No variables and no context functions: foldable. */
  readonly constant: boolean;
  /** Depends on t or on a mean-field function (mu, L). */
  readonly live: boolean;
  /** A bare variable or literal (not worth memoising). */
  readonly trivial: boolean;
}

const MEAN_FIELD_FUNCTIONS: ReadonlySet<string> = new Set(["mu", "L"]);
const MAX_MEMO_CELLS = 4_000_000;

/**
 * Compiles a checked mathjs tree into closures. Subtrees without variables or context functions are
 * folded; with `memoise`, maximal subtrees that depend only on (s, a, next) are memoised per cell.
 */
class ClosureCompiler {
  private readonly memoSlots: { s: number; a: number; next: number | undefined } | null;

  constructor(
    private readonly context: ExpressionContext,
    private readonly path: ErrorPath,
    private readonly memoise: boolean,
  ) {
    const vars = context.variables;
    const s = vars.get("s");
    const a = vars.get("a");
    this.memoSlots =
      context.cells !== undefined && s !== undefined && a !== undefined
        ? { s, a, next: vars.get("next") }
        : null;
  }

  compile(root: MathNode): Closure {
    return this.node(root).run;
  }

  /** Compiles a node, folding constant subtrees. */
  private node(node: MathNode): Built {
    const built = this.build(node);
    if (built.constant && !built.trivial) {
      try {
        const value = built.run(new Float64Array(4));
        if (typeof value === "number" || typeof value === "boolean") {
          return { run: () => value, constant: true, live: false, trivial: true };
        }
      } catch {
        // Leave it to evaluation time, where the error is reported with its place.
      }
      return { ...built, constant: false };
    }
    return built;
  }

  /** Children of a live node: memoise those that depend only on the cell. */
  private children(nodes: MathNode[]): Built[] {
    const built = nodes.map((n) => this.node(n));
    if (!built.some((b) => b.live)) return built;
    return built.map((b) => (b.live || b.constant || b.trivial ? b : this.memo(b)));
  }

  /** Wraps a cell-only subtree with a per-cell memo (exact: it stores the subtree's own values). */
  private memo(built: Built): Built {
    const slots = this.memoSlots;
    const cells = this.context.cells;
    if (!this.memoise || slots === null || cells === undefined) return built;
    const { nStates: S, nActions: A } = cells;
    const size = S * A * (slots.next === undefined ? 1 : S);
    if (size > MAX_MEMO_CELLS) return built;
    const values = new Float64Array(size);
    const kind = new Uint8Array(size); // 0 unknown, 1 number, 2 boolean
    const run = built.run;
    const { s: sSlot, a: aSlot, next: nextSlot } = slots;
    return {
      run: (v) => {
        let cell = v[sSlot]! * A + v[aSlot]!;
        if (nextSlot !== undefined) cell = cell * S + v[nextSlot]!;
        const k = kind[cell];
        if (k === 1) return values[cell];
        if (k === 2) return values[cell] === 1;
        if (k === undefined) return run(v); // outside the table (not an index): no memo
        const value = run(v);
        if (typeof value === "number") {
          values[cell] = value;
          kind[cell] = 1;
        } else if (typeof value === "boolean") {
          values[cell] = value ? 1 : 0;
          kind[cell] = 2;
        }
        return value;
      },
      constant: false,
      live: false,
      trivial: false,
    };
  }

  private build(node: MathNode): Built {
    const path = this.path;
    switch (node.type) {
      case "ConstantNode": {
        const value = (node as unknown as { value: number | boolean }).value;
        return { run: () => value, constant: true, live: false, trivial: true };
      }
      case "ParenthesisNode":
        return this.node((node as unknown as { content: MathNode }).content);
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        const slot = this.context.variables.get(name);
        if (slot !== undefined)
          return { run: (v) => v[slot], constant: false, live: name === "t", trivial: true };
        const value = this.context.constants.get(name) ?? MATH_CONSTANTS.get(name)!;
        return { run: () => value, constant: true, live: false, trivial: true };
      }
      case "ConditionalNode": {
        const n = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const [c, yes, no] = this.children([n.condition, n.trueExpr, n.falseExpr]) as [Built, Built, Built];
        const cr = c.run;
        const yr = yes.run;
        const nr = no.run;
        return {
          run: (v) => (truthy(cr(v)) ? yr(v) : nr(v)),
          constant: c.constant && yes.constant && no.constant,
          live: c.live || yes.live || no.live,
          trivial: false,
        };
      }
      case "RelationalNode": {
        const n = node as unknown as { conditionals: string[]; params: MathNode[] };
        const params = this.children(n.params);
        const runs = params.map((p) => p.run);
        const compare = n.conditionals.map((c) => mathFunction(c));
        return {
          run: (v) => {
            let left = runs[0]!(v);
            for (let i = 0; i < compare.length; i++) {
              const right = runs[i + 1]!(v);
              if (!truthy(real(compare[i]!(left, right), n.conditionals[i]!, path))) return false;
              left = right;
            }
            return true;
          },
          constant: params.every((p) => p.constant),
          live: params.some((p) => p.live),
          trivial: false,
        };
      }
      case "OperatorNode": {
        const n = node as unknown as { fn: string; args: MathNode[] };
        const args = this.children(n.args);
        const flags = {
          constant: args.every((a) => a.constant),
          live: args.some((a) => a.live),
          trivial: false,
        };
        const [x, y] = [args[0]?.run, args[1]?.run];
        if (args.length === 2 && x && y) {
          switch (n.fn) {
            case "add":
              return { run: (v) => (x(v) as number) + (y(v) as number), ...flags };
            case "subtract":
              return { run: (v) => (x(v) as number) - (y(v) as number), ...flags };
            case "multiply":
              return { run: (v) => (x(v) as number) * (y(v) as number), ...flags };
            case "divide":
              return { run: (v) => (x(v) as number) / (y(v) as number), ...flags };
          }
        }
        if (args.length === 1 && x) {
          if (n.fn === "unaryMinus") return { run: (v) => -(x(v) as number), ...flags };
          if (n.fn === "unaryPlus") return { run: (v) => +(x(v) as number), ...flags };
        }
        return {
          run: this.call(
            mathFunction(n.fn),
            n.fn,
            args.map((a) => a.run),
          ),
          ...flags,
        };
      }
      case "FunctionNode": {
        const n = node as unknown as { fn: { name: string }; args: MathNode[] };
        const name = n.fn.name;
        const own = this.context.functions.get(name);
        const meanField = MEAN_FIELD_FUNCTIONS.has(name);
        const args = meanField
          ? this.children(n.args).map((b) => (b.live || b.constant || b.trivial ? b : this.memo(b)))
          : this.children(n.args);
        const live = meanField || args.some((a) => a.live);
        if (own !== undefined) {
          const runs = args.map((a) => a.run);
          const [x, y, z] = runs;
          const flags = { constant: false, live, trivial: false };
          if (runs.length === 1 && x) return { run: (v) => own(x(v) as number), ...flags };
          if (runs.length === 2 && x && y)
            return { run: (v) => own(x(v) as number, y(v) as number), ...flags };
          if (runs.length === 3 && x && y && z) {
            return { run: (v) => own(x(v) as number, y(v) as number, z(v) as number), ...flags };
          }
          return { run: (v) => own(...runs.map((r) => r(v) as number)), ...flags };
        }
        return {
          run: this.call(
            mathFunction(name),
            name,
            args.map((a) => a.run),
          ),
          constant: args.every((a) => a.constant),
          live,
          trivial: false,
        };
      }
      default:
        return invalid(path, `${node.type} is not allowed in an expression`);
    }
  }

  /** A call of a mathjs function with the values of `runs`. */
  private call(fn: (...args: unknown[]) => unknown, name: string, runs: Closure[]): Closure {
    const path = this.path;
    const [x, y] = runs;
    if (runs.length === 1 && x) return (v) => real(fn(x(v)), name, path);
    if (runs.length === 2 && x && y) return (v) => real(fn(x(v), y(v)), name, path);
    return (v) => real(fn(...runs.map((r) => r(v))), name, path);
  }
}

function mathFunction(name: string): (...args: unknown[]) => unknown {
  const fn = (mathjs as unknown as Record<string, unknown>)[name];
  if (typeof fn !== "function") throw new Error(`mathjs has no function ${name}`);
  return fn as (...args: unknown[]) => unknown;
}

/** The mathjs scope equivalent to a context and a variable vector (for reference evaluation). */
export function mathjsScope(context: ExpressionContext, vars: Float64Array): Map<string, unknown> {
  const scope = new Map<string, unknown>();
  for (const [name, slot] of context.variables) scope.set(name, vars[slot]);
  for (const [name, value] of context.constants) scope.set(name, value);
  for (const [name, fn] of context.functions) scope.set(name, fn);
  return scope;
}

/**
 * Evaluates a compiled expression to a finite number (booleans count as 0/1). Any evaluation
 * failure or non-finite / non-real result is an `invalid-expression` or `non-finite` error naming
 * the field and the place given by `where()` (e.g. "t=2, s=0, a=1"), built only on failure.
 */
export function evaluateNumber(
  expression: CompiledExpression,
  vars: Float64Array,
  path: ErrorPath,
  where: () => string,
): number {
  let value: unknown;
  try {
    value = expression.evaluate(vars);
  } catch (error) {
    if (error instanceof MfkitError) {
      throw new MfkitError(
        error.code,
        `${withoutPathPrefix(error)} in "${expression.source}" (at ${where()})`,
        path,
        error.details as Record<string, unknown>,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    invalid(path, `evaluating "${expression.source}" at ${where()} failed: ${reason}`);
  }
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw new MfkitError("non-finite", `"${expression.source}" at ${where()} evaluates to ${value}`, path);
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return invalid(path, `"${expression.source}" at ${where()} is not a real number`);
}

/** The message of an error without the "path: " prefix its constructor added. */
function withoutPathPrefix(error: MfkitError): string {
  const prefix = error.path.length > 0 ? `${formatPath(error.path)}: ` : "";
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

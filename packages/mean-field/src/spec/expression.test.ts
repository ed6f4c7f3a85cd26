import { captureMfkitError, isMfkitError } from "@mfkit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression, type ExpressionContext, evaluateNumber, mathjsScope } from "./expression.js";

const mu = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
const muValues = fc.array(fc.constantFrom(0, 0.1, 0.2, 0.3, 0.4, 0.5, 1), { minLength: 4, maxLength: 4 });
const context: ExpressionContext = {
  variables: new Map([
    ["t", 0],
    ["s", 1],
    ["a", 2],
  ]),
  constants: new Map([
    ["c", 0.81],
    ["nS", 4],
  ]),
  functions: new Map([["mu", (i: number) => mu[i]!]]),
};

/** Random expressions of the whitelisted language. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(
      "0",
      "1",
      "2",
      "0.1",
      "0.2",
      "0.3",
      "2.5",
      "-0.5",
      "1e-20",
      "c",
      "nS",
      "t",
      "s",
      "a",
      "pi",
      "true",
    ),
    fc
      .tuple(
        tie("e"),
        fc.constantFrom("+", "-", "*", "/", "^", "==", "!=", "<", "<=", ">", ">=", " and ", " or ", " mod "),
        tie("e"),
      )
      .map(([x, op, y]) => `(${x}${op}${y})`),
    tie("e").map((x) => `-(${x})`),
    tie("e").map((x) => `not (${x})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([x, y, z]) => `(${x} ? ${y} : ${z})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([x, y, z]) => `(${x} < ${y} <= ${z})`),
    fc
      .tuple(fc.constantFrom("abs", "round", "floor", "ceil", "exp", "log", "sqrt", "sign", "tanh"), tie("e"))
      .map(([f, x]) => `${f}(${x})`),
    fc
      .tuple(fc.constantFrom("min", "max", "mod", "pow", "atan2"), tie("e"), tie("e"))
      .map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc.constantFrom("mu(s)", "mu(a)", "mu(0)"),
  ),
})).e;

/** The same context with per-cell memoisation (s, a ∈ 0..3). */
const memoContext: ExpressionContext = { ...context, cells: { nStates: 4, nActions: 4 } };

describe("compiled expressions", () => {
  it("memoised cell-only parts never freeze the mean-field part", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        expression,
        muValues,
        muValues,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (source, first, second, s, a) => {
          const compiled = compileExpression(source, ["test"], memoContext);
          const vars = Float64Array.from([1, s, a, 0]);
          mu.set(first);
          try {
            compiled.evaluate(vars);
          } catch {
            // errors are compared below
          }
          mu.set(second);
          let ours: unknown;
          try {
            ours = compiled.evaluate(vars);
          } catch (error) {
            expect(isMfkitError(error) && error.message).toContain("did not give a real number");
            return;
          }
          expect(ours).toBe(compiled.reference.evaluate(mathjsScope(memoContext, vars)));
          compared++;
        },
      ),
      { seed: 302, numRuns: 400 },
    );
    // The early return on typed errors must stay the exception (seeded: 396 of 400 compared).
    expect(compared).toBeGreaterThan(300);
    mu.set([0.1, 0.2, 0.3, 0.4]);
  });

  it("agree exactly with mathjs's own evaluation", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        expression,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (source, t, s, a) => {
          const compiled = compileExpression(source, ["test"], context);
          const vars = Float64Array.from([t, s, a, 0]);
          let ours: unknown;
          try {
            ours = compiled.evaluate(vars);
          } catch (error) {
            // Stricter than mathjs: a non-real intermediate (e.g. pow(−0.5, pi)) is a typed error
            // even when a later operation (not, comparison) would map it back to a boolean.
            expect(isMfkitError(error) && error.message).toContain("did not give a real number");
            return;
          }
          const reference = compiled.reference.evaluate(mathjsScope(context, vars));
          expect(ours).toBe(reference);
          compared++;
        },
      ),
      { seed: 301, numRuns: 600 },
    );
    // The early return on typed errors must stay the exception (seeded: 586 of 600 compared).
    expect(compared).toBeGreaterThan(450);
  });

  it("folds constants and evaluates in the variable vector", () => {
    const e = compileExpression("c * mu(s) + 2 ^ 3 - a", ["reward"], context);
    expect(e.usesMeanField).toBe(true);
    expect(e.usesTime).toBe(false);
    expect(evaluateNumber(e, Float64Array.from([0, 2, 1, 0]), ["reward"], () => "")).toBe(0.81 * 0.3 + 8 - 1);
    // mathjs compares with a relative tolerance: 0.1 + 0.2 == 0.3 holds.
    expect(compileExpression("0.1 + 0.2 == 0.3", ["x"], context).evaluate(new Float64Array(4))).toBe(true);
  });

  it("reports non-finite and non-real values with the place", () => {
    const log0 = compileExpression("log(mu(s) - 0.1)", ["reward"], context);
    expect(() => evaluateNumber(log0, Float64Array.from([0, 0, 0, 0]), ["reward"], () => "s=0")).toThrow(
      /s=0/,
    );
    const complex = compileExpression("sqrt(s - 3)", ["reward"], context);
    const error = captureMfkitError(() =>
      evaluateNumber(complex, Float64Array.from([0, 1, 0, 0]), ["reward"], () => "s=1"),
    );
    expect(error.code).toBe("invalid-expression");
  });
});

/** User-defined environments from JSON specs. */
export * from "./environment-spec.js";
export { type CompiledExpression, compileExpression, type ExpressionContext } from "./expression.js";

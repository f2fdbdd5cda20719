// User formula text → FormulaIR, with every check done once at load time. The steps, one file each in compile/:
//   1. checkFormulaText   length, emptiness and bracket nesting, BEFORE parsing;
//   2. parseFormulaText   mathjs parses (ONLY to parse, see lockedMath.ts); syntax errors name look-alike characters;
//   3. walkSyntaxTree     the whitelist walk emitting IR: resolveName (did you mean), emitFunctionCall,
//                         foldConstants (rejects overflow such as 1e308^1e308);
//   4. the IR limits (irStats): expansions such as clamp → min(max(…)) can deepen the tree.
// The result is plain JSON. Domains (division by 0, log of negatives, …) are checked once the whole scenario is
// compiled, with the true range of every input: models/scenario/compile/checkDomains.ts.
import { MAX_FORMULA_DEPTH, type FormulaNode } from './FormulaIR';
import type { CompiledFormula, FormulaContext } from './FormulaContext';
import { checkFormulaText } from './compile/checkFormulaText';
import { newDiagnostics } from './compile/FormulaDiagnostics';
import { parseFormulaText } from './compile/parseFormulaText';
import { FormulaDepthError, walkSyntaxTree } from './compile/walkSyntaxTree';
import { exceedsIrLimits } from './irStats';

const TOO_DEEP = `formula is nested too deeply (the limit is ${MAX_FORMULA_DEPTH} levels)`;

/** Compile one formula against a context. Never throws. */
export const compileFormula = (source: unknown, ctx: FormulaContext): CompiledFormula => {
  const checked = checkFormulaText(source);
  if (!checked.ok) return { ok: false, errors: [checked.error] };
  const { text } = checked;
  const parsed = parseFormulaText(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };

  const diag = newDiagnostics(ctx);
  let ir: FormulaNode;
  try {
    ir = walkSyntaxTree(parsed.tree, diag);
  } catch (err) {
    if (err instanceof FormulaDepthError || err instanceof RangeError)
      return { ok: false, errors: [TOO_DEEP] };
    return {
      ok: false,
      errors: [`cannot read formula: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
  if (diag.errors.length) return { ok: false, errors: [...new Set(diag.errors)] };
  // Expansions (clamp → min(max(…)), log(x, b) → log x / log b) can deepen the tree past what instantiation
  // accepts: refuse here, with a message, rather than fail later.
  if (exceedsIrLimits(ir)) return { ok: false, errors: [TOO_DEEP] };
  return { ok: true, ir: { ...ir, src: text }, warnings: diag.warnings, uses: [...diag.uses] };
};

/**
 * The post-build rewrite of the CommonJS declarations (`scripts/cjs-fast-check-types.ts`): what the kit returns
 * names both fast-check declaration copies as an intersection, what it accepts (optional option fields) as a
 * union, nested type arguments included. The consumer smoke test (`.ci/smoke-consumers.sh`) checks the result
 * with TypeScript itself; this checks the rewrite's rules on small inputs, fast.
 */
import { describe, expect, it } from 'vitest';
import { rewrite } from '../../scripts/cjs-fast-check-types.js';

const IMPORT = "import * as fc from 'fast-check';\n";

describe('the CommonJS fast-check type rewrite', () => {
  it('imports both copies and makes returned arbitraries an intersection', () => {
    const out = rewrite(`${IMPORT}declare function arb(): fc.Arbitrary<Map<string, number>>;\n`)!;
    expect(out).toContain("import type * as fcRequire from 'fast-check';");
    expect(out).toContain("import type * as fcImport from 'fast-check' with { 'resolution-mode': 'import' };");
    expect(out).toContain('declare function arb(): (fcRequire.Arbitrary<Map<string, number>> & fcImport.Arbitrary<Map<string, number>>);');
    expect(out).not.toContain("import * as fc from 'fast-check'");
  });

  it('makes optional option fields a union, nested arguments included', () => {
    const out = rewrite(`${IMPORT}interface O {\n    readonly payloads?: Readonly<Record<string, fc.Arbitrary<(x: number) => string>>>;\n}\n`)!;
    expect(out).toContain(
      'readonly payloads?: Readonly<Record<string, (fcRequire.Arbitrary<(x: number) => string> | fcImport.Arbitrary<(x: number) => string>)>>;',
    );
  });

  it('rewrites fast-check types nested in another one with the outer role', () => {
    const out = rewrite(`${IMPORT}declare function p(): fc.IProperty<[Iterable<fc.AsyncCommand<M, R>>]>;\n`)!;
    const inner = '(fcRequire.AsyncCommand<M, R> & fcImport.AsyncCommand<M, R>)';
    expect(out).toContain(`(fcRequire.IProperty<[Iterable<${inner}>]> & fcImport.IProperty<[Iterable<${inner}>]>)`);
  });

  it('leaves files without fast-check alone, and refuses a fast-check type it cannot rewrite', () => {
    expect(rewrite('declare const x: number;\n')).toBeNull();
    expect(() => rewrite(`${IMPORT}declare const r: typeof fc.Random;\n`)).toThrow(/not rewritten/);
    expect(() => rewrite("import { Arbitrary } from 'fast-check';\n")).toThrow(/expected the line/);
  });
});

/**
 * Post-build step for the CommonJS type declarations (`dist/*.d.cts`) that mention fast-check.
 *
 * Why: fast-check ships two copies of its declarations, `lib/cjs/fast-check.d.ts` for `require` and
 * `lib/fast-check.d.ts` for `import`. Its `Stream` class has a private member, so TypeScript treats the two copies'
 * `Arbitrary` as different types. In a CommonJS consumer our `.d.cts` resolves the `require` copy, while
 * `@fast-check/vitest` (ESM only) resolves the `import` copy: `test.prop([scenarioArb(plextrac)])` then fails with
 * "Types have separate declarations of a private property 'g'". A consumer may also use `fast-check` directly
 * (`fc.assert(lifecycleProperty(...))`, `fc.record(...)` as `payloads`), which gives the `require` copy.
 *
 * So the `.d.cts` names both copies: what the kit returns is both (an intersection, assignable to either), and
 * what it accepts (the optional option fields: `payloads`, `settings`, `scenarios`, `parameters`, ...) is either
 * (a union). Nothing changes at run time: fast-check accepts arbitraries of another copy. The ESM `.d.ts` files
 * are left alone (every ESM importer resolves the same copy).
 *
 * Run after tsup (`npm run build`). Exits non-zero if a file has a fast-check type it could not rewrite.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = "import * as fc from 'fast-check';";
const HEADER = [
  "import type * as fcRequire from 'fast-check';",
  "import type * as fcImport from 'fast-check' with { 'resolution-mode': 'import' };",
].join('\n');

/** The index just past the `>` that closes the `<` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && text[i - 1] !== '=') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced type arguments from offset ${open}`);
}

/** An optional property declaration takes a caller's value: `readonly payloads?: ...`. */
function isInputLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return /^\s*(readonly\s+)?\w+\?:/.test(text.slice(lineStart, at));
}

/** Rewrites every `fc.Name<args>` in `text` (arguments first), keeping the input/output role of the outermost. */
export function dualTypes(text: string, role?: 'input' | 'output', offset = 0, whole = text): string {
  let out = '';
  let i = 0;
  const pattern = /\bfc\.([A-Z]\w*)</g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const open = m.index + m[0].length - 1;
    const end = closing(text, open);
    const r = role ?? (isInputLine(whole, offset + m.index) ? 'input' : 'output');
    const args = dualTypes(text.slice(open + 1, end - 1), r, offset + open + 1, whole);
    const op = r === 'input' ? ' | ' : ' & ';
    out += `${text.slice(i, m.index)}(fcRequire.${m[1]}<${args}>${op}fcImport.${m[1]}<${args}>)`;
    i = end;
    pattern.lastIndex = end;
  }
  return out + text.slice(i);
}

/** The rewritten declaration file, or null when it does not import fast-check. */
export function rewrite(source: string): string | null {
  if (!source.includes("'fast-check'")) return null;
  if (!source.includes(IMPORT)) throw new Error(`expected the line ${IMPORT}`);
  const body = dualTypes(source.replace(IMPORT, HEADER));
  // A fast-check type left in another form (not `fc.Name<...>`) would still name one copy only.
  const left = body.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /\bfc\.[A-Z]/.test(line));
  if (left.length > 0) throw new Error(`fast-check types not rewritten:\n${left.join('\n')}`);
  return body;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
  // Recursive: a nested entry (`./testing/store`) is built to dist/testing/store.d.cts.
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.cts'));
  let count = 0;
  for (const file of files) {
    const path = join(dist, file);
    const rewritten = rewrite(readFileSync(path, 'utf8'));
    if (rewritten === null) continue;
    writeFileSync(path, rewritten);
    count++;
  }
  if (count === 0) throw new Error('no .d.cts file imports fast-check: is dist/ built?');
  console.log(`fast-check types of both module systems in ${count} CommonJS declaration file(s)`);
}

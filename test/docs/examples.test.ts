/**
 * The `@example` blocks of the doc comments are code that runs and code that compiles: each is cut out of its
 * source file and written as a module next to this test; the TypeScript compiler checks them all, with the
 * project's `tsconfig.json` (so `engagement-lifecycle/...` resolves to the sources), and each is then imported (its
 * `assert`s are the checks). An example that runs but no longer type-checks against the API fails here too.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = fileURLToPath(new URL('./.examples/', import.meta.url));

/** The files whose exports carry `@example`s, and how many each must have (so that none silently disappears). */
const SOURCES: Record<string, number> = {
  'src/core/lifecycle.ts': 3,
  'src/plextrac/derive.ts': 1,
  'src/store/sweep.ts': 1,
  'src/store/memory/index.ts': 1,
  'src/core/effect-guards.ts': 1,
  'src/store/deliver.ts': 1,
  'src/store/typed.ts': 1,
  'src/workflow/define.ts': 1,
  'src/testing/check-lifecycle.ts': 1,
};

/**
 * A planted wrong example: it runs without an error (reading a misspelt field gives `undefined`), so only the
 * type check can catch it, and the test below requires that it does.
 */
const PLANTED = `import { plextrac } from 'engagement-lifecycle/plextrac';

const created = plextrac.create({
  type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
});
export const status = created.ok ? created.state.statsu : null;
`;

/** The fenced code of every `@example` in `text`, with the leading ` * ` of the doc comment removed. */
function examplesOf(text: string): string[] {
  const blocks: string[] = [];
  for (const [, body] of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    blocks.push(body!.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n'));
  }
  return blocks;
}

const fileOf = (name: string) => `${scratch}${name.replace(/[/.]/g, '_')}.ts`;

/** Type-checks `files` in one program with the project's compiler options: each file's errors, as readable lines. */
function typeErrors(files: readonly string[]): Map<string, string[]> {
  const config = ts.readConfigFile(`${root}tsconfig.json`, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const errors = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`the compiler did not load ${file}`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    errors.set(
      file,
      diagnostics.map((d) => {
        const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
        return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return errors;
}

const examples = Object.entries(SOURCES).map(([source, count]) => ({
  source,
  count,
  codes: examplesOf(readFileSync(`${root}${source}`, 'utf8')),
}));
const plantedFile = fileOf('planted_wrong_example');
let errors = new Map<string, string[]>();

beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  const files = [plantedFile];
  writeFileSync(plantedFile, PLANTED);
  for (const { source, codes } of examples) {
    codes.forEach((code, index) => {
      const file = fileOf(`${source}_${index}`);
      writeFileSync(file, code);
      files.push(file);
    });
  }
  errors = typeErrors(files);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('doc comment examples', () => {
  it('the type check catches a planted example that runs but does not compile', async () => {
    expect(errors.get(plantedFile)).toEqual([expect.stringMatching(/^line 6: Property 'statsu' does not exist/)]);
    // It does run: only the type check stands between it and the docs.
    const module = (await import(plantedFile)) as { status?: unknown };
    expect(module.status).toBeUndefined();
  });

  for (const { source, count, codes } of examples) {
    it(`${source} has its ${count} example(s)`, () => {
      expect(codes).toHaveLength(count);
    });
    codes.forEach((_code, index) => {
      const file = fileOf(`${source}_${index}`);
      it(`${source} example ${index + 1} type-checks`, () => {
        expect(errors.get(file)).toEqual([]);
      });
      it(`${source} example ${index + 1} runs and its assertions hold`, async () => {
        const module = (await import(file)) as { done?: Promise<unknown> };
        // An example with async work exports its promise as `done` (no top-level await: it must run in CommonJS too).
        await module.done;
      }, 60_000);
    });
  }
});

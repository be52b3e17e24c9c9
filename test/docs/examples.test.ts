/**
 * The `@example` blocks of the doc comments are code that runs: each is cut out of its source file, written as a
 * module next to this test, and imported (its `assert`s are the checks).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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
};

/** The fenced code of every `@example` in `text`, with the leading ` * ` of the doc comment removed. */
function examplesOf(text: string): string[] {
  const blocks: string[] = [];
  for (const [, body] of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    blocks.push(body!.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n'));
  }
  return blocks;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('doc comment examples', () => {
  for (const [source, count] of Object.entries(SOURCES)) {
    const examples = examplesOf(readFileSync(`${root}${source}`, 'utf8'));
    it(`${source} has its ${count} example(s)`, () => {
      expect(examples).toHaveLength(count);
    });
    examples.forEach((code, index) => {
      it(`${source} example ${index + 1} runs and its assertions hold`, async () => {
        mkdirSync(scratch, { recursive: true });
        const file = `${scratch}${source.replace(/[/.]/g, '_')}_${index}.ts`;
        writeFileSync(file, code);
        const module = (await import(file)) as { done?: Promise<unknown> };
        // An example with async work exports its promise as `done` (no top-level await: it must run in CommonJS too).
        await module.done;
      }, 60_000);
    });
  }
});

/**
 * The `@example`s of the main entry points run here, and their doc comments show exactly these examples.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The lines between `// example:start` and `// example:end` of an example file. */
function exampleOf(file: string): string {
  const text = readFileSync(`${root}examples/doc-comments/${file}`, 'utf8');
  return text.slice(text.indexOf('// example:start\n') + '// example:start\n'.length, text.indexOf('// example:end'));
}

/** The `@example` code block of the doc comment just above `export function <name>`, with the ` * ` prefixes removed. */
function docExampleOf(source: string, name: string): string {
  const text = readFileSync(`${root}${source}`, 'utf8');
  const at = text.indexOf(`export function ${name}`);
  const comment = text.slice(text.lastIndexOf('/**', at), at);
  const block = /@example\n \* ```ts\n([\s\S]*?) \* ```/.exec(comment)?.[1] ?? '';
  return block.replace(/^ \*(?: |$)/gm, '');
}

describe('doc comment examples', () => {
  it('defineWorkflow: the doc comment shows the example, and the example runs', async () => {
    expect(docExampleOf('src/workflow/define.ts', 'defineWorkflow')).toBe(exampleOf('define-workflow.ts'));
    const { created, retest } = await import('./define-workflow.js');
    expect(retest.id).toBe('retest');
    expect(created.ok && created.state.status).toBe('Requested');
    const started = created.ok ? retest.apply(created.state, { type: 'start', at: '2026-03-03T09:00:00Z' }) : created;
    expect(started.ok && started.state.status).toBe('Testing');
  });

  it('checkLifecycle: the doc comment shows the example, and the example runs', async () => {
    expect(docExampleOf('src/testing/check-lifecycle.ts', 'checkLifecycle')).toBe(exampleOf('check-lifecycle.ts'));
    const { report } = await import('./check-lifecycle.js');
    expect(report.invariants).toEqual(expect.arrayContaining(['enginesAgree', 'plextracCanceledAbsorbs']));
  }, 60_000);
});

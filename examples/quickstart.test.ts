/** Keeps the quickstart honest: it runs, and what it prints is what the lifecycle does. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the quickstart runs and prints the lifecycle it claims', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { cwd: root, encoding: 'utf8' });
  expect(out).toContain('eng-web: request at 2026-03-02T14:00:00.000Z → Pending');
  expect(out).toContain('clock at 2026-03-09T03:00:00.000Z: stays Scheduled (nothing changed)');
  expect(out).toContain('clock at 2026-03-09T04:00:00.000Z: Scheduled → In Progress (v3)');
  expect(out).toContain('effect create_report');
  expect(out).toContain('refused [terminal_state]');
  expect(out).toContain('Final: eng-web is Complete at version 6');
}, 30_000);

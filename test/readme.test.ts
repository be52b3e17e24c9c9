/** The README's quickstart snippet, run as written (the statuses in its comments are asserted). */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { plextrac } from '../src/plextrac/index.js';

it('the README quickstart does what its comments say', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain("const engine = plextrac.with({ settings: { timeZone: 'America/New_York' } });");
  const engine = plextrac.with({ settings: { timeZone: 'America/New_York' } });
  const created = engine.create({
    type: 'request', id: 'eng-1', at: '2026-03-02T14:00:00Z',
    clientId: 'acme', name: 'Acme web app pentest', startDate: '2026-03-09',
  });
  if (!created.ok) throw created.error;
  const approved = engine.apply(created.state, { type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice'] });
  if (!approved.ok) throw approved.error;
  expect(approved.state.status).toBe('Scheduled');
  expect(approved.effects.map((e) => e.type)).toEqual(['status_changed', 'create_report', 'assign_operators']);
  const started = engine.apply(approved.state, { type: 'clock', at: '2026-03-09T04:00:00Z' });
  if (!started.ok) throw started.error;
  expect(started.state.status).toBe('In Progress');
  const canceled = engine.apply(started.state, { type: 'cancel', at: '2026-03-10T00:00:00Z' });
  if (!canceled.ok) throw canceled.error;
  const refused = engine.apply(canceled.state, { type: 'clock', at: '2026-03-11T00:00:00Z' });
  expect(!refused.ok && refused.error.code).toBe('terminal_state');
});

/** Keeps the example honest: it runs, the parent is held while its retest is open, and freed once it is closed. */
import { expect, it } from 'vitest';
import { runRetest } from './retest.js';

it('a retest of a DefectDojo engagement: linked, the parent held while it is open, freed once it is closed', () => {
  const lines = runRetest();
  expect(lines[0]).toBe('2026-04-01T09:00:00Z request retest: ok: engagement 42 "Q1 pentest (retest 1)" (Not Started), product 7, lead 3');
  expect(lines[1]).toContain('reopen the parent: refused (operation_not_allowed) Engagement "41" cannot leave Completed');
  expect(lines[2]).toContain('request a second retest: refused (operation_not_allowed)');
  expect(lines[3]).toContain('delete the parent: refused (operation_not_allowed)');
  expect(lines[4]).toBe('2026-04-06T09:00:00Z add_test on the retest: ok: In Progress; open retests [42]; effects status_changed');
  expect(lines[5]).toBe('2026-04-09T09:00:00Z close on the retest: ok: Completed; open retests []; effects status_changed, engagement_closed, retest_closed');
  expect(lines.at(-1)).toBe('2026-04-10T09:00:00Z reopen the parent: ok: In Progress');
});

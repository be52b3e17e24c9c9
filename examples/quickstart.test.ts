/** Keeps the quickstart honest: it runs, and what it prints is what the lifecycle and the store do. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the quickstart runs both lifecycles on the in-memory store and prints the changes, sweeps, effects and audit trails', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { cwd: root, encoding: 'utf8' });
  // Commands go through the store.
  expect(out).toContain('eng-web: request at 2026-03-02T14:00:00.000Z → Pending (v1)');
  expect(out).toContain('eng-web: approve at 2026-03-03T09:30:00.000Z: Pending → Scheduled (v2)');
  expect(out).toContain('effect create_report    eng-web v2');
  // The hourly sweep: eng-web not yet at 23:00 in New York (dd-api's upcoming notice goes out), started at
  // midnight, and a rerun of the same hour does nothing.
  expect(out).toContain('sweep at 2026-03-09T03:00:00.000Z: 1 due, 1 changed, 1 effect ');
  expect(out).toContain('effect upcoming_engagement dd-api v2');
  expect(out).toContain('sweep at 2026-03-09T04:00:00.000Z: 1 due, 1 changed, 1 effect ');
  expect(out).toContain('effect status_changed   eng-web v3 from="Scheduled" to="In Progress" cause="clock"');
  expect(out.match(/sweep at 2026-03-09T04:00:00\.000Z: 0 due, 0 changed, 0 effects/g)).toHaveLength(1);
  // DefectDojo: add a test (In Progress), close (notification and Jira epic), reopen, stale and overdue, auto-close.
  expect(out).toContain('dd-api: add_test at 2026-03-09T14:00:00.000Z: Not Started → In Progress (v3)');
  expect(out).toContain('dd-api: close at 2026-03-13T17:00:00.000Z: In Progress → Completed (v4)');
  expect(out).toContain('effect jira_close_epic  dd-api v4 category="jira" epicKey="SEC-42" projectKey="SEC"');
  expect(out).toContain('effect engagement_reopened dd-api v5');
  expect(out).toContain('sweep at 2026-03-21T04:00:00.000Z: 1 due, 1 changed, 2 effects');
  expect(out).toContain('effect stale_engagement dd-api v6');
  expect(out).toContain('effect engagement_expired dd-api v6');
  expect(out).toContain('effect status_changed   dd-api v7 from="In Progress" to="Completed" cause="clock"');
  expect(out).toContain('effect auto_close_engagement dd-api v7');
  // Cancellation is final: a cancelled engagement is never due, and commands on it are refused.
  expect(out).toContain('sweep at 2026-04-15T04:00:00.000Z: 0 due, 0 changed, 0 effects');
  expect(out).toContain('eng-ext: reschedule at 2026-04-16T12:00:00Z refused [terminal_state]');
  // The audit trail, and the status replayed from it.
  expect(out).toContain('v3 2026-03-09T04:00:00.000Z  clock                    Scheduled → In Progress  by sweep');
  expect(out).toContain('at 2026-03-05T00:00:00Z: Scheduled');
  expect(out).toContain('at 2026-03-21T00:00:00Z: In Review');
  expect(out).toContain('v5 2026-03-16T09:00:00.000Z  reopen                   Completed → In Progress  by frank (retest requested)');
  expect(out).toContain('Final: eng-web is Complete at version 6; dd-api is Completed (active: false); 0 effects left undelivered');
}, 30_000);

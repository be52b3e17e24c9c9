/**
 * A retest of a DefectDojo engagement, from request to close: the parent is Completed, the retest is a new
 * engagement of the same product linked to it, the parent cannot be reopened or retested twice meanwhile, and
 * closing the retest frees the parent. Run it with `npx tsx examples/retest/retest.ts`.
 */
import { pathToFileURL } from 'node:url';
import { defectdojo, planEngagementDelete, type DefectDojoState } from 'engagement-lifecycle/defectdojo';
import { defectDojoRetests, openRetests, type RetestFamily } from 'engagement-lifecycle/retest';

const settings = { timeZone: 'Europe/Berlin' };

/** Runs the story and returns what happened, one line per step. */
export function runRetest(): string[] {
  const lines: string[] = [];
  const say = (at: string, what: string, r: { ok: boolean; error?: { code: string; message: string } }, after = '') =>
    lines.push(`${at} ${what}: ${r.ok ? `ok${after}` : `refused (${r.error!.code}) ${r.error!.message}`}`);

  // The original test: created, run, and closed on 2026-03-20.
  const created = defectdojo.create(
    { type: 'create', id: '41', at: '2026-03-01T09:00:00Z', productId: 7, productName: 'Payments API', name: 'Q1 pentest', targetStart: '2026-03-02', targetEnd: '2026-03-13', lead: 3, tags: ['pci'] },
    { settings },
  );
  if (!created.ok) throw created.error;
  const closed = defectdojo.apply(created.state, { type: 'close', at: '2026-03-20T09:00:00Z' }, { settings });
  if (!closed.ok) throw closed.error;
  let parent: DefectDojoState = closed.state;
  let family: RetestFamily | null = null;

  // The client fixed the findings: a retest in April.
  const requested = defectDojoRetests.request(parent, family, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08', actor: 'lead-3' }, { settings });
  if (!requested.ok) throw requested.error;
  family = requested.family;
  let retest = requested.retest;
  say('2026-04-01T09:00:00Z', `request retest`, requested, `: engagement ${retest.id} "${retest.data.name}" (${retest.status}), product ${retest.data.productId}, lead ${retest.data.lead}`);

  say('2026-04-02T09:00:00Z', 'reopen the parent', defectDojoRetests.applyToParent(family, parent, { type: 'reopen', at: '2026-04-02T09:00:00Z' }, { settings }));
  say('2026-04-02T09:00:00Z', 'request a second retest', defectDojoRetests.request(parent, family, { at: '2026-04-02T09:00:00Z', targetStart: '2026-04-06', targetEnd: '2026-04-08' }, { settings, newId: () => '43' }));
  const deletePlan = planEngagementDelete({ engagement: parent }, { at: '2026-04-02T09:00:00Z' });
  if (!deletePlan.ok) throw deletePlan.error;
  say('2026-04-02T09:00:00Z', 'delete the parent', defectDojoRetests.planParentDelete(family, deletePlan.plan));

  for (const [at, event] of [
    ['2026-04-06T09:00:00Z', { type: 'add_test', at: '2026-04-06T09:00:00Z' }],
    ['2026-04-09T09:00:00Z', { type: 'close', at: '2026-04-09T09:00:00Z' }],
  ] as const) {
    const step = defectDojoRetests.applyToRetest(family, retest, event, { settings });
    if (!step.ok) throw step.error;
    retest = step.state;
    family = step.family;
    say(at, `${event.type} on the retest`, step, `: ${retest.status}; open retests [${openRetests(family).map((l) => l.id).join(', ')}]; effects ${step.effects.map((e) => e.type).join(', ')}`);
  }

  const reopened = defectDojoRetests.applyToParent(family, parent, { type: 'reopen', at: '2026-04-10T09:00:00Z' }, { settings });
  if (reopened.ok) parent = reopened.state;
  say('2026-04-10T09:00:00Z', 'reopen the parent', reopened, `: ${parent.status}`);
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of runRetest()) console.log(line);
}

/**
 * Retests with the peers' values: PwnDoc's retest audit (`type: retest` with `parentId`), APTRS's rules (a retest
 * only on a completed project, one active at a time), Ghostwriter #321's ask (a retest that keeps its history
 * apart from the original), on PlexTrac's and DefectDojo's engagements.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLifecycleError, type DeletePlan } from '../../src/index.js';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { defectdojo, planEngagementDelete, type DefectDojoState } from '../../src/defectdojo/index.js';
import {
  RETEST_RULES,
  defectDojoRetests,
  openRetests,
  parseRetestFamily,
  plextracRetests,
  safeParseRetestFamily,
  type RetestFamily,
} from '../../src/retest/index.js';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw (r as unknown as { error: Error }).error;
  return r as Extract<T, { ok: true }>;
}

function refusal(r: { ok: boolean }): { code: string; details: Record<string, unknown>; message: string } {
  expect(r.ok).toBe(false);
  return (r as unknown as { error: { code: string; details: Record<string, unknown>; message: string } }).error;
}

/** A PlexTrac engagement for Acme, published (Complete) on 2026-03-20. */
function completePlextrac(): PlextracState {
  const s = ok(plextrac.create({ type: 'schedule', id: 'pt-1', at: '2026-03-01T09:00:00Z', clientId: 'acme', name: 'Acme web app', startDate: '2026-03-02', operators: ['ana', 'ben'] })).state;
  return ok(plextrac.apply(s, { type: 'report_status_changed', at: '2026-03-20T09:00:00Z', reportStatus: 'Published' })).state;
}

/** A DefectDojo engagement of product 7, closed (Completed) on 2026-03-20. */
function completedDojo(extra: Record<string, unknown> = {}): DefectDojoState {
  const s = ok(
    defectdojo.create({
      type: 'create', id: '41', at: '2026-03-01T09:00:00Z', productId: 7, productName: 'Payments API', targetStart: '2026-03-02', targetEnd: '2026-03-13',
      name: 'Q1 pentest', lead: 3, requester: 5, engagementType: 'Interactive', description: 'External API test', version: '2.1', buildId: 'b-88',
      tags: ['PCI', 'external'], apiTest: true, threatModel: false, engagementReason: 'Annual PCI test',
      jira: { project: { projectKey: 'SEC' }, assetProject: { projectKey: 'PAY' }, epic: { key: 'SEC-1', id: '1001' } }, ...extra,
    } as never),
  ).state;
  return ok(defectdojo.apply(s, { type: 'close', at: '2026-03-20T09:00:00Z' })).state;
}

describe('requesting a retest (PlexTrac)', () => {
  it('creates the linked child: kind retest, parentId, the client and operators copied, its own start date and Draft report', () => {
    const parent = completePlextrac();
    const before = structuredClone(parent);
    const r = ok(plextracRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: 'pt-1-r1', startDate: '2026-04-06', actor: 'ana' }));
    expect(r.link).toEqual({ kind: 'retest', id: 'pt-1-r1', parentId: 'pt-1', round: 1, requestedAt: '2026-04-01T09:00:00.000Z', closedAt: null, outcome: null });
    expect(r.retest.status).toBe('Scheduled');
    expect(r.retest.data).toMatchObject({ clientId: 'acme', name: 'Acme web app (retest 1)', startDate: '2026-04-06', reportStatus: 'Draft', operators: ['ana', 'ben'], approved: true });
    expect(r.family).toEqual({ lifecycle: 'plextrac', parentId: 'pt-1', version: 1, updatedAt: '2026-04-01T09:00:00.000Z', retests: [r.link] });
    expect(r.effects.map((e) => e.id)).toEqual([
      'plextrac:pt-1-r1:1:status_changed',
      'plextrac:pt-1-r1:1:create_report',
      'plextrac:pt-1-r1:1:assign_operators',
      'plextrac.retests:pt-1:1:retest_requested',
    ]);
    expect(r.effects.at(-1)).toMatchObject({ parentId: 'pt-1', retestId: 'pt-1-r1', round: 1 });
    // The parent is untouched, and the output is deeply frozen.
    expect(parent).toEqual(before);
    expect(Object.isFrozen(r) && Object.isFrozen(r.family.retests[0]) && Object.isFrozen(r.effects[3])).toBe(true);
  });

  it('takes the operators and name the request gives, and an id from the injected generator', () => {
    const r = ok(plextracRetests.request(completePlextrac(), undefined, { at: '2026-04-01T09:00:00Z', startDate: '2026-03-30', name: 'Acme fix check', operators: ['cy'] }, { newId: () => 'gen-1' }));
    expect(r.retest.id).toBe('gen-1');
    // A start date already reached: In Progress at once.
    expect(r.retest.status).toBe('In Progress');
    expect(r.retest.data).toMatchObject({ name: 'Acme fix check', operators: ['cy'] });
  });

  it.each(['Pending', 'Scheduled', 'In Progress', 'In Review', 'Canceled'])('is refused on a %s engagement (APTRS: only a completed project)', (status) => {
    const events: Record<string, unknown[]> = {
      Pending: [],
      Scheduled: [{ type: 'approve', at: '2026-03-01T10:00:00Z' }],
      'In Progress': [{ type: 'approve', at: '2026-03-01T10:00:00Z' }, { type: 'clock', at: '2026-03-05T00:00:00Z' }],
      'In Review': [{ type: 'approve', at: '2026-03-01T10:00:00Z' }, { type: 'report_status_changed', at: '2026-03-05T00:00:00Z', reportStatus: 'In Review' }],
      Canceled: [{ type: 'cancel', at: '2026-03-01T10:00:00Z' }],
    };
    let s = ok(plextrac.create({ type: 'request', id: 'pt-2', at: '2026-03-01T09:00:00Z', clientId: 'acme', name: 'n', startDate: '2026-03-04' })).state;
    for (const e of events[status]!) s = ok(plextrac.apply(s, e as never)).state;
    expect(s.status).toBe(status);
    const error = refusal(plextracRetests.request(s, null, { at: '2026-04-01T09:00:00Z', id: 'r', startDate: '2026-04-06' }));
    expect(error.code).toBe('operation_not_allowed');
    expect(error.details).toMatchObject({ engagementId: 'pt-2', status, operation: 'request_retest', openRetests: [] });
    expect(error.message).toContain('only a Complete engagement can be retested');
  });

  it('refuses a second retest while one is open (APTRS: one at a time); allows it once the first is closed, as round 2', () => {
    const parent = completePlextrac();
    const first = ok(plextracRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: 'r1', startDate: '2026-04-06' }));
    const second = refusal(plextracRetests.request(parent, first.family, { at: '2026-04-02T09:00:00Z', id: 'r2', startDate: '2026-04-06' }));
    expect(second.details).toMatchObject({ operation: 'request_retest', openRetests: ['r1'] });
    const allowed = ok(plextracRetests.request(parent, first.family, { at: '2026-04-02T09:00:00Z', id: 'r2', startDate: '2026-04-06' }, { policy: { maxOpen: 2 } }));
    expect(openRetests(allowed.family).map((l) => l.id)).toEqual(['r1', 'r2']);
    const done = ok(plextracRetests.applyToRetest(first.family, first.retest, { type: 'report_status_changed', at: '2026-04-10T09:00:00Z', reportStatus: 'Published' }));
    const again = ok(plextracRetests.request(parent, done.family, { at: '2026-04-11T09:00:00Z', id: 'r2', startDate: '2026-04-13' }));
    expect(again.link.round).toBe(2);
    expect(again.retest.data.name).toBe('Acme web app (retest 2)');
  });

  it('refuses a request dated before the parent’s or the family’s last change (out_of_order), and an id already in the family', () => {
    const parent = completePlextrac();
    expect(refusal(plextracRetests.request(parent, null, { at: '2026-03-19T09:00:00Z', id: 'r', startDate: '2026-04-06' })).code).toBe('out_of_order');
    const first = ok(plextracRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: 'r1', startDate: '2026-04-06' }));
    const closed = ok(plextracRetests.applyToRetest(first.family, first.retest, { type: 'cancel', at: '2026-04-02T09:00:00Z' }));
    expect(refusal(plextracRetests.request(parent, closed.family, { at: '2026-04-01T12:00:00Z', id: 'r2', startDate: '2026-04-06' })).code).toBe('out_of_order');
    expect(refusal(plextracRetests.request(parent, closed.family, { at: '2026-04-03T09:00:00Z', id: 'r1', startDate: '2026-04-06' })).code).toBe('invalid_input');
    expect(refusal(plextracRetests.request(parent, closed.family, { at: '2026-04-03T09:00:00Z', id: 'pt-1', startDate: '2026-04-06' })).code).toBe('invalid_input');
  });
});

describe('the parent while a retest is open', () => {
  it('PlexTrac: moving the report back is refused (reopen_parent), cancelling is refused (cancel_parent); both allowed once the retest is closed', () => {
    const parent = completePlextrac();
    const r = ok(plextracRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: 'r1', startDate: '2026-04-06' }));
    const back = refusal(plextracRetests.applyToParent(r.family, parent, { type: 'report_status_changed', at: '2026-04-02T09:00:00Z', reportStatus: 'In Review' }));
    expect(back.details).toMatchObject({ engagementId: 'pt-1', status: 'Complete', operation: 'reopen_parent', openRetests: ['r1'] });
    const cancel = refusal(plextracRetests.applyToParent(r.family, parent, { type: 'cancel', at: '2026-04-02T09:00:00Z' }));
    expect(cancel.details).toMatchObject({ operation: 'cancel_parent', openRetests: ['r1'] });
    // Events that keep it Complete pass.
    expect(ok(plextracRetests.applyToParent(r.family, parent, { type: 'reschedule', at: '2026-04-02T09:00:00Z', startDate: '2026-03-03' })).state.status).toBe('Complete');
    const cancelled = ok(plextracRetests.applyToRetest(r.family, r.retest, { type: 'cancel', at: '2026-04-03T09:00:00Z' }));
    expect(cancelled.link).toMatchObject({ outcome: 'cancelled', closedAt: '2026-04-03T09:00:00.000Z' });
    expect(ok(plextracRetests.applyToParent(cancelled.family, parent, { type: 'cancel', at: '2026-04-04T09:00:00Z' })).state.status).toBe('Canceled');
  });

  it('DefectDojo: reopen and set_status out of Completed are refused, Cancelled too; an edit passes', () => {
    const parent = completedDojo();
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08' }));
    expect(refusal(defectDojoRetests.applyToParent(r.family, parent, { type: 'reopen', at: '2026-04-02T09:00:00Z' })).details.operation).toBe('reopen_parent');
    expect(refusal(defectDojoRetests.applyToParent(r.family, parent, { type: 'set_status', at: '2026-04-02T09:00:00Z', status: 'On Hold' })).details.operation).toBe('reopen_parent');
    expect(refusal(defectDojoRetests.applyToParent(r.family, parent, { type: 'set_status', at: '2026-04-02T09:00:00Z', status: 'Cancelled' })).details.operation).toBe('cancel_parent');
    expect(ok(defectDojoRetests.applyToParent(r.family, parent, { type: 'edit', at: '2026-04-02T09:00:00Z', description: 'updated' })).state.data.description).toBe('updated');
    // Without a family (no retest yet), the parent's own lifecycle decides.
    expect(ok(defectDojoRetests.applyToParent(null, parent, { type: 'reopen', at: '2026-04-02T09:00:00Z' })).state.status).toBe('In Progress');
  });

  it('DefectDojo: deleting the parent is refused while a retest is open; then the family goes and the retests are unlinked, not deleted', () => {
    const parent = completedDojo();
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08' }));
    const plan: DeletePlan = ok(planEngagementDelete({ engagement: parent }, { at: '2026-04-02T09:00:00Z', actor: 'admin' })).plan;
    const before = structuredClone(plan);
    expect(refusal(defectDojoRetests.planParentDelete(r.family, plan)).details).toMatchObject({ operation: 'delete_parent', openRetests: ['42'] });
    const done = ok(defectDojoRetests.applyToRetest(r.family, r.retest, { type: 'close', at: '2026-04-09T09:00:00Z' }));
    const withLinks = ok(defectDojoRetests.planParentDelete(done.family, plan)).plan;
    expect(withLinks.deletes).toEqual([...plan.deletes, { kind: 'retest_family', id: '41', parent: { kind: 'engagement', id: '41' } }]);
    expect(withLinks.unlinks).toEqual([...plan.unlinks, { kind: 'engagement', id: '42', parent: { kind: 'engagement', id: '41' } }]);
    expect(withLinks.effects).toEqual(plan.effects);
    expect(plan).toEqual(before);
    // No family: the plan comes back as it was.
    expect(ok(defectDojoRetests.planParentDelete(null, plan)).plan).toEqual(plan);
    expect(refusal(plextracRetests.planParentDelete(null, plan)).code).toBe('invalid_input');
  });
});

describe('the retest', () => {
  it('DefectDojo: copies the scope it needs from the parent and none of what identifies the original test', () => {
    const parent = completedDojo();
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08', actor: 'lead-3' }));
    expect(r.retest.status).toBe('Not Started');
    expect(r.retest.data).toMatchObject({
      productId: '7', productName: 'Payments API', name: 'Q1 pentest (retest 1)', engagementType: 'Interactive', lead: '3', requester: '5',
      tags: ['pci', 'external'], apiTest: true, threatModel: false, targetStart: '2026-04-06', targetEnd: '2026-04-08', active: true,
      reason: 'Retest of engagement 41', description: null, version: null, buildId: null, doneTesting: false,
      jira: { project: null, assetProject: { projectKey: 'PAY' }, epic: null },
    });
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_added', 'retest_requested']);
  });

  it('DefectDojo: a 300-character name is cut so that " (retest 1)" fits; a given lead and status are used', () => {
    const parent = completedDojo({ name: 'x'.repeat(300) });
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08', lead: 9, status: 'Scheduled' }));
    expect(r.retest.data.name).toBe(`${'x'.repeat(289)} (retest 1)`);
    expect(r.retest.data.lead).toBe('9');
    expect(r.retest.status).toBe('Scheduled');
    expect(refusal(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08', status: 'Completed' } as never)).code).toBe('invalid_input');
    // DefectDojo's own date rule holds for the retest.
    expect(refusal(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-09', targetEnd: '2026-04-08' })).code).toBe('invalid_input');
  });

  it('finishing closes the link (retest_closed); a closed retest cannot be reopened, but edits pass', () => {
    const parent = completedDojo();
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08' }));
    const started = ok(defectDojoRetests.applyToRetest(r.family, r.retest, { type: 'add_test', at: '2026-04-06T09:00:00Z' }));
    expect(started.family).toEqual(r.family);
    expect(started.link.closedAt).toBeNull();
    const done = ok(defectDojoRetests.applyToRetest(started.family, started.state, { type: 'close', at: '2026-04-09T09:00:00Z' }));
    expect(done.link).toMatchObject({ outcome: 'finished', closedAt: '2026-04-09T09:00:00.000Z' });
    expect(done.family.version).toBe(2);
    expect(openRetests(done.family)).toEqual([]);
    expect(done.effects.map((e) => e.id)).toEqual(['defectdojo:42:3:status_changed', 'defectdojo:42:3:engagement_closed', 'defectdojo.retests:41:2:retest_closed']);
    const reopen = refusal(defectDojoRetests.applyToRetest(done.family, done.state, { type: 'reopen', at: '2026-04-10T09:00:00Z' }));
    expect(reopen.details).toMatchObject({ engagementId: '42', operation: 'change_closed_retest' });
    const edited = ok(defectDojoRetests.applyToRetest(done.family, done.state, { type: 'edit', at: '2026-04-10T09:00:00Z', description: 'all fixed' }));
    expect(edited.family).toEqual(done.family);
    // The parent may be reopened now.
    expect(ok(defectDojoRetests.applyToParent(done.family, parent, { type: 'reopen', at: '2026-04-11T09:00:00Z' })).state.status).toBe('In Progress');
  });

  it('settleRetest closes the link of a retest the sweep auto-closed (DefectDojo), once', () => {
    const parent = completedDojo();
    const settings = { autoClose: { enabled: true, days: 3 } };
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08', status: 'In Progress' }, { settings }));
    // Still open: nothing to settle.
    const early = ok(defectDojoRetests.settleRetest(r.family, r.retest));
    expect(early).toMatchObject({ changed: false, effects: [] });
    expect(early.family).toEqual(r.family);
    // The store's sweep applies the clock with the lifecycle itself: auto-closed three days after the end date.
    const swept = ok(defectdojo.apply(r.retest, { type: 'clock', at: '2026-04-11T09:00:00Z' }, { settings }));
    expect(swept.state.status).toBe('Completed');
    const settled = ok(defectDojoRetests.settleRetest(r.family, swept.state));
    expect(settled.changed).toBe(true);
    expect(settled.link).toMatchObject({ outcome: 'finished', closedAt: '2026-04-11T09:00:00.000Z' });
    expect(settled.effects.map((e) => e.id)).toEqual(['defectdojo.retests:41:2:retest_closed']);
    expect(openRetests(settled.family)).toEqual([]);
    expect(ok(defectDojoRetests.settleRetest(settled.family, swept.state)).changed).toBe(false);
    expect(refusal(defectDojoRetests.settleRetest(settled.family, parent)).code).toBe('not_found');
  });

  it('an engagement that is not a retest of the family is not_found; a family of another lifecycle or parent is invalid_input', () => {
    const parent = completedDojo();
    const r = ok(defectDojoRetests.request(parent, null, { at: '2026-04-01T09:00:00Z', id: '42', targetStart: '2026-04-06', targetEnd: '2026-04-08' }));
    expect(refusal(defectDojoRetests.applyToRetest(r.family, parent, { type: 'clock', at: '2026-04-02T09:00:00Z' })).code).toBe('not_found');
    const other = { ...r.family, parentId: '99', retests: r.family.retests.map((l) => ({ ...l, parentId: '99' })) };
    expect(refusal(defectDojoRetests.applyToParent(other, parent, { type: 'clock', at: '2026-04-02T09:00:00Z' })).code).toBe('invalid_input');
    const pt = ok(plextracRetests.request(completePlextrac(), null, { at: '2026-04-01T09:00:00Z', id: 'r1', startDate: '2026-04-06' }));
    expect(refusal(defectDojoRetests.applyToRetest(pt.family, r.retest, { type: 'clock', at: '2026-04-02T09:00:00Z' })).code).toBe('invalid_input');
  });
});

describe('inputs', () => {
  it('a family with links that disagree is refused, saying where', () => {
    const link = { kind: 'retest', id: 'r1', parentId: 'p', round: 1, requestedAt: '2026-04-01T09:00:00.000Z', closedAt: null, outcome: null };
    const good: RetestFamily = { lifecycle: 'plextrac', parentId: 'p', version: 1, updatedAt: '2026-04-01T09:00:00.000Z' as never, retests: [link as never] };
    expect(parseRetestFamily(good)).toEqual(good);
    const bad = [
      { ...good, retests: [{ ...link, parentId: 'q' }] },
      { ...good, retests: [link, link] },
      { ...good, retests: [{ ...link, round: 2 }] },
      { ...good, retests: [{ ...link, outcome: 'finished' }] },
      { ...good, retests: [{ ...link, id: 'p' }] },
      { ...good, version: 0 },
      { ...good, retests: [{ ...link, closedAt: '2026-03-01T09:00:00.000Z', outcome: 'finished' }] },
    ];
    for (const family of bad) {
      const r = safeParseRetestFamily(family);
      expect(!r.ok && r.error.code).toBe('invalid_input');
    }
    expect(() => parseRetestFamily(bad[0])).toThrow(/retest family/);
  });

  it('unknown option keys, a bad policy and a throwing getter are typed errors; nothing throws', () => {
    const parent = completePlextrac();
    const req = { at: '2026-04-01T09:00:00Z', id: 'r1', startDate: '2026-04-06' } as const;
    expect(refusal(plextracRetests.request(parent, null, req, { timeZone: 'UTC' } as never)).code).toBe('invalid_input');
    expect(refusal(plextracRetests.request(parent, null, req, { policy: { maxOpen: 0 } })).code).toBe('invalid_input');
    const trap = Object.defineProperty({ ...req }, 'startDate', { get: () => { throw new RangeError('boom'); }, enumerable: true });
    const r = plextracRetests.request(parent, null, trap);
    expect(r.ok).toBe(false);
    expect(isLifecycleError((r as { error: unknown }).error)).toBe(true);
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('declares one rule per situation of the issue, each with its decision and reason', () => {
    expect(RETEST_RULES.map((rule) => rule.operation)).toEqual(['request_retest', 'request_retest', 'reopen_parent', 'cancel_parent', 'delete_parent', 'close_link', 'change_closed_retest']);
    for (const rule of RETEST_RULES) expect(rule.why.length).toBeGreaterThan(20);
  });

  it('docs/retests.md lists every rule in the order RETEST_RULES declares them', () => {
    const doc = readFileSync(new URL('../../docs/retests.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]).filter((name) => name !== 'operation');
    expect(rows).toEqual(RETEST_RULES.map((rule) => rule.operation));
  });
});

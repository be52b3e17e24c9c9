/**
 * PlexTrac rules that mutation testing found unchecked, stated from PlexTrac's documentation and the library's
 * decisions (the hourly query only tells the time; operators are assigned at approval).
 */
import { describe, expect, it } from 'vitest';
import { PLEXTRAC_STATUSES, REVIEW_REPORT_STATUSES, plextrac, plextracStatusSchema, type PlextracState } from '../../src/plextrac/index.js';
import { unwrap } from '../../src/index.js';

const request = { type: 'request', id: 'e1', at: '2026-03-01T12:00:00Z', clientId: 'acme', name: 'Web app pentest', startDate: '2026-03-10' } as const;

function complete(): PlextracState {
  let s = unwrap(plextrac.create(request)).state;
  s = unwrap(plextrac.apply(s, { type: 'approve', at: '2026-03-02T12:00:00Z', operators: ['op-1'] })).state;
  s = unwrap(plextrac.apply(s, { type: 'report_status_changed', at: '2026-03-12T12:00:00Z', reportStatus: 'Published' })).state;
  return s;
}

describe('a clock on a Complete engagement', () => {
  it('is accepted and changes nothing: same state, same version, no effects', () => {
    const done = complete();
    expect(done.status).toBe('Complete');
    const r = plextrac.apply(done, { type: 'clock', at: '2026-04-01T00:00:00Z' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.changed).toBe(false);
    expect(r.effects).toEqual([]);
    expect(r.state.status).toBe('Complete');
    expect(r.state.version).toBe(done.version);
    expect(r.state.updatedAt).toBe(done.updatedAt);
  });

  it('is not due: no clock is needed to keep it right', () => {
    expect(unwrap(plextrac.nextDue(complete())).due).toBeNull();
  });
});

describe('operators are chosen at approval', () => {
  it('a new request has none, and asks for no assignment', () => {
    const r = unwrap(plextrac.create({ ...request, requestedBy: 'alice' }));
    expect(r.state.data.operators).toEqual([]);
    expect(r.state.data.requestedBy).toBe('alice');
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed']);
  });

  it('approval assigns the chosen operators; an approval without operators assigns nobody', () => {
    const pending = unwrap(plextrac.create(request)).state;
    const withOps = unwrap(plextrac.apply(pending, { type: 'approve', at: '2026-03-02T12:00:00Z', operators: ['op-1', 'op-2'] }));
    expect(withOps.state.data.operators).toEqual(['op-1', 'op-2']);
    expect(withOps.effects.filter((e) => e.type === 'assign_operators').map((e) => (e as { operators?: unknown }).operators)).toEqual([['op-1', 'op-2']]);
    const without = unwrap(plextrac.apply(pending, { type: 'approve', at: '2026-03-02T12:00:00Z' }));
    expect(without.state.data.operators).toEqual([]);
    expect(without.effects.map((e) => e.type)).not.toContain('assign_operators');
    expect(without.effects.map((e) => e.type)).toContain('create_report');
  });
});

describe('the status constants and schema', () => {
  it('the report statuses PlexTrac shows as "In Review" are the three review stages, in workflow order', () => {
    expect(REVIEW_REPORT_STATUSES).toEqual(['Ready for Review', 'In Review', 'Approved']);
  });

  it('plextracStatusSchema accepts the six statuses as spelled, and nothing else', () => {
    for (const status of ['Pending', 'Scheduled', 'In Progress', 'In Review', 'Complete', 'Canceled']) expect(plextracStatusSchema.parse(status)).toBe(status);
    expect(PLEXTRAC_STATUSES).toHaveLength(6);
    for (const other of ['Cancelled', 'in progress', 'Draft', '', null]) expect(plextracStatusSchema.safeParse(other).success).toBe(false);
  });
});

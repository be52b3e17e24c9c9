/**
 * PlexTrac rules that mutation testing of `src/plextrac/lifecycle.ts` found unchecked, each stated from
 * docs/plextrac.md, docs/retention.md and the consistency contract of docs/adding-a-lifecycle.md (a stored state
 * whose status disagrees with its facts is refused with `invalid_input` naming the disagreement; without the
 * tenant's zone, a status that some zone gives is accepted). Every expected value is written out here.
 */
import { describe, expect, it } from 'vitest';
import { plextrac, type PlextracEventInput, type PlextracState } from '../../src/plextrac/index.js';
import { toMermaid, unwrap } from '../../src/index.js';

const UTC = { settings: { timeZone: 'UTC' } };
const request = {
  type: 'request',
  id: 'eng-7',
  at: '2024-03-01T15:00:00Z',
  clientId: 'acme',
  name: 'Acme external pentest',
  startDate: '2024-03-10',
} as const satisfies PlextracEventInput;

function run(events: readonly PlextracEventInput[], options: { settings: object } = UTC): PlextracState {
  let state = unwrap(plextrac.create(events[0]!, options)).state;
  for (const event of events.slice(1)) state = unwrap(plextrac.apply(state, event, options)).state;
  return state;
}

/** A stored state as a database gives it back: plain JSON, not one the engines produced. */
const stored = (state: PlextracState): PlextracState => JSON.parse(JSON.stringify(state)) as PlextracState;

describe('a stored state read back without the tenant zone', () => {
  // Approved on 03-02 with start date 03-10, started by a clock at 2024-03-09T12:00Z in UTC+14: the start day has begun where
  // clocks are furthest ahead (UTC+14, from 03-09T10:00Z) and not where they are furthest behind (UTC-12, from
  // 03-10T12:00Z). So without the zone both Scheduled and In Progress are possible readings.
  const approved = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'clock', at: '2024-03-09T12:00:00Z' }], { settings: { timeZone: 'Pacific/Kiritimati' } });

  it('accepts Scheduled and In Progress alike: some zone gives each', () => {
    expect(approved.updatedAt).toBe('2024-03-09T12:00:00.000Z');
    for (const status of ['Scheduled', 'In Progress']) {
      const r = plextrac.safeParseState({ ...stored(approved), status });
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    }
  });

  it('refuses a status no zone gives, naming the facts and both readings', () => {
    const r = plextrac.safeParseState({ ...stored(approved), status: 'Pending' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toBe(
      'Inconsistent engagement state "eng-7": status is Pending but its facts (approved true, cancelled false, report Draft, start 2024-03-10) give In Progress or Scheduled at updatedAt 2024-03-09T12:00:00.000Z',
    );
  });

  it('names one reading once when every zone agrees, and "none" for a request without a report', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    const r = plextrac.safeParseState({ ...stored(pending), status: 'Scheduled' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(
      'Inconsistent engagement state "eng-7": status is Scheduled but its facts (approved false, cancelled false, report none, start 2024-03-10) give Pending at updatedAt 2024-03-01T15:00:00.000Z',
    );
  });

  it('with the tenant zone, only that zone\'s reading is accepted', () => {
    // In UTC-12 the start day has not begun at 03-09T12:00Z: Scheduled, and In Progress is refused.
    const west = { timeZone: 'Etc/GMT+12' };
    const ok = plextrac.apply({ ...stored(approved), status: 'Scheduled' }, { type: 'clock', at: '2024-03-09T13:00:00Z' }, { settings: west });
    expect(ok.ok, ok.ok ? '' : ok.error.message).toBe(true);
    const r = plextrac.apply({ ...stored(approved), status: 'In Progress' }, { type: 'clock', at: '2024-03-09T13:00:00Z' }, { settings: west });
    expect(!r.ok && r.error.message).toBe(
      'Inconsistent engagement state "eng-7": status is In Progress but its facts (approved true, cancelled false, report Draft, start 2024-03-10) give Scheduled at updatedAt 2024-03-09T12:00:00.000Z',
    );
  });
});

describe('schedule without operators', () => {
  it('assigns nobody: the engagement has no operators and no assign_operators effect', () => {
    const r = unwrap(plextrac.create({ type: 'schedule', id: 'eng-8', at: '2024-03-01T15:00:00Z', clientId: 'acme', name: 'Acme', startDate: '2024-03-10' }, UTC));
    expect(r.state.status).toBe('Scheduled');
    expect(r.state.data.operators).toEqual([]);
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'create_report']);
  });
});

describe('approving twice', () => {
  it('is refused with the reason: only a Pending request can be approved', () => {
    const scheduled = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]);
    const r = plextrac.apply(scheduled, { type: 'approve', at: '2024-03-03T00:00:00Z' }, UTC);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('transition_not_allowed');
    expect(r.error.message).toContain('Only a Pending request can be approved.');
  });
});

describe('a Complete engagement with retention on', () => {
  it('is due when its archive is: 00:00 in the tenant zone, N days after the day it was first finished', () => {
    // Published at 08:00 New York time on 2024-03-12; 30 days later is 2024-04-11, 00:00 EDT = 04:00Z.
    const settings = { timeZone: 'America/New_York', retention: { archiveAfterDays: 30 } };
    const done = run(
      [request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'report_status_changed', at: '2024-03-12T12:00:00Z', reportStatus: 'Published' }],
      { settings },
    );
    expect(done.status).toBe('Complete');
    expect(unwrap(plextrac.nextDue(done, { settings })).due).toBe('2024-04-11T04:00:00.000Z');
  });
});

describe('transition names in the diagram', () => {
  it('a report status change is drawn as "report status"', () => {
    const drawn = toMermaid(plextrac).split('\n').map((l) => l.trim());
    expect(drawn).toContain('Scheduled --> In_Review : report status');
    expect(drawn).toContain('Complete --> In_Progress : report status');
  });
});

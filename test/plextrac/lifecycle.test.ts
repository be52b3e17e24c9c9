import { describe, expect, it } from 'vitest';
import { plextrac, type PlextracEventInput, type PlextracState } from '../../src/plextrac/index.js';
import { unwrap } from '../../src/index.js';

const NY = { settings: { timeZone: 'America/New_York' } };
const UTC = { settings: { timeZone: 'UTC' } };

const request = {
  type: 'request',
  id: 'eng-1',
  at: '2024-03-01T15:00:00Z',
  clientId: 'acme',
  name: 'Acme external pentest',
  startDate: '2024-03-10',
  requestedBy: 'dana',
} as const satisfies PlextracEventInput;

function run(events: readonly PlextracEventInput[], options = UTC): PlextracState {
  let state = unwrap(plextrac.create(events[0]!, options)).state;
  for (const event of events.slice(1)) state = unwrap(plextrac.apply(state, event, options)).state;
  return state;
}

describe('request and approval', () => {
  it('a request creates a Pending engagement with no report', () => {
    const r = unwrap(plextrac.create(request, UTC));
    expect(r.state.status).toBe('Pending');
    expect(r.state.version).toBe(1);
    expect(r.state.data).toMatchObject({ approved: false, cancelled: false, reportStatus: null, requestedBy: 'dana' });
    expect(r.effects).toEqual([
      {
        id: 'plextrac:eng-1:1:status_changed',
        type: 'status_changed',
        lifecycle: 'plextrac',
        engagementId: 'eng-1',
        version: 1,
        at: '2024-03-01T15:00:00.000Z',
        from: null,
        to: 'Pending',
        cause: 'request',
      },
    ]);
  });

  it('approval before the start date: Scheduled, creates the Draft report and assigns the operators', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    const r = unwrap(plextrac.apply(pending, { type: 'approve', at: '2024-03-02T09:00:00Z', operators: ['alice', 'bob'] }, UTC));
    expect(r.state.status).toBe('Scheduled');
    expect(r.state.data).toMatchObject({ approved: true, reportStatus: 'Draft', operators: ['alice', 'bob'] });
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'create_report', 'assign_operators']);
    expect(r.effects[1]).toMatchObject({ type: 'create_report', clientId: 'acme', name: 'Acme external pentest', reportStatus: 'Draft' });
    expect(r.effects[2]).toMatchObject({ type: 'assign_operators', operators: ['alice', 'bob'] });
  });

  it('approval after the start date was reached: straight to In Progress', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    const r = unwrap(plextrac.apply(pending, { type: 'approve', at: '2024-03-11T09:00:00Z', operators: [] }, UTC));
    expect(r.state.status).toBe('In Progress');
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'create_report']);
  });

  it('schedule creates an engagement already approved, with its report', () => {
    const r = unwrap(
      plextrac.create({ type: 'schedule', id: 'eng-2', at: '2024-03-01T00:00:00Z', clientId: 'acme', name: 'Q1', startDate: '2024-03-05', operators: ['alice'] }, UTC),
    );
    expect(r.state.status).toBe('Scheduled');
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'create_report', 'assign_operators']);
  });

  it('approving twice is refused: only a Pending request can be approved', () => {
    const scheduled = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]);
    const r = plextrac.apply(scheduled, { type: 'approve', at: '2024-03-03T00:00:00Z' }, UTC);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('transition_not_allowed');
      expect(r.error.message).toContain('allowed only when the status is Pending');
    }
  });

  it('a report status before approval is refused: there is no report yet', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    const r = plextrac.apply(pending, { type: 'report_status_changed', at: '2024-03-02T00:00:00Z', reportStatus: 'In Review' }, UTC);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('transition_not_allowed');
      expect(r.error.message).toContain('There is no report until the engagement is approved.');
    }
  });

  it('a creation event on an existing engagement is refused', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    const r = plextrac.apply(pending, { ...request, at: '2024-03-02T00:00:00Z' }, UTC);
    expect(!r.ok && r.error.code).toBe('transition_not_allowed');
  });

  it('create refuses events that need an engagement, and creation without id or generator', () => {
    const r1 = plextrac.create({ type: 'approve', at: '2024-03-02T00:00:00Z' } as PlextracEventInput, UTC);
    expect(!r1.ok && r1.error.code).toBe('transition_not_allowed');
    const { id: _id, ...withoutId } = request;
    const r2 = plextrac.create(withoutId, UTC);
    expect(!r2.ok && r2.error.code).toBe('invalid_input');
    let n = 0;
    const r3 = unwrap(plextrac.create(withoutId, { ...UTC, newId: () => `gen-${++n}` }));
    expect(r3.state.id).toBe('gen-1');
  });
});

describe('the hourly start query: the clock moves Scheduled to In Progress', () => {
  it('nothing happens before the start date; at 00:00 of the start date (tenant zone) it is In Progress', () => {
    const scheduled = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }], NY);
    const before = unwrap(plextrac.apply(scheduled, { type: 'clock', at: '2024-03-10T04:59:59Z' }, NY));
    expect(before.changed).toBe(false);
    expect(before.state).toBe(scheduled);
    expect(before.effects).toEqual([]);
    const at = unwrap(plextrac.apply(before.state, { type: 'clock', at: '2024-03-10T05:00:00Z' }, NY));
    expect(at.changed).toBe(true);
    expect(at.state.status).toBe('In Progress');
    expect(at.state.version).toBe(3);
    expect(at.effects).toEqual([expect.objectContaining({ type: 'status_changed', from: 'Scheduled', to: 'In Progress', cause: 'clock' })]);
  });

  it('a clock that lags (the next hourly run) still moves it, dated at the clock', () => {
    const scheduled = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]);
    const r = unwrap(plextrac.apply(scheduled, { type: 'clock', at: '2024-03-10T00:59:00Z' }));
    expect(r.state.status).toBe('In Progress');
    expect(r.state.updatedAt).toBe('2024-03-10T00:59:00.000Z');
  });

  it('a clock on a Pending engagement changes nothing, even past the start date', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    expect(unwrap(plextrac.apply(pending, { type: 'clock', at: '2024-04-01T00:00:00Z' }, UTC)).changed).toBe(false);
  });

  it('nextDue tells when the next clock event matters', () => {
    const pending = unwrap(plextrac.create(request, NY)).state;
    expect(unwrap(plextrac.nextDue(pending, NY)).due).toBeNull();
    const scheduled = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }], NY);
    expect(unwrap(plextrac.nextDue(scheduled, NY)).due).toBe('2024-03-10T05:00:00.000Z');
    expect(unwrap(plextrac.nextDue(scheduled, UTC)).due).toBe('2024-03-10T00:00:00.000Z');
  });
});

describe('the report status drives the engagement status', () => {
  const started = [request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'clock', at: '2024-03-10T01:00:00Z' }] as const;
  it.each([
    ['Ready for Review', 'In Review'],
    ['Ready For Review', 'In Review'],
    ['In Review', 'In Review'],
    ['Approved', 'In Review'],
    ['Published', 'Complete'],
    ['Draft', 'In Progress'],
  ] as const)('report %s → engagement %s', (reportStatus, status) => {
    const s = run([...started, { type: 'report_status_changed', at: '2024-03-11T00:00:00Z', reportStatus }]);
    expect(s.status).toBe(status);
  });

  it('the API spelling is stored in the UI spelling', () => {
    const s = run([...started, { type: 'report_status_changed', at: '2024-03-11T00:00:00Z', reportStatus: 'Ready For Review' }]);
    expect(s.data.reportStatus).toBe('Ready for Review');
  });

  it('any order is allowed, and moving between the three review stages keeps In Review without a status_changed', () => {
    const inReview = run([...started, { type: 'report_status_changed', at: '2024-03-11T00:00:00Z', reportStatus: 'Approved' }]);
    const r = unwrap(plextrac.apply(inReview, { type: 'report_status_changed', at: '2024-03-12T00:00:00Z', reportStatus: 'Ready for Review' }));
    expect(r.state.status).toBe('In Review');
    expect(r.changed).toBe(true);
    expect(r.effects).toEqual([]);
    expect(r.state.version).toBe(inReview.version + 1);
  });

  it('the same report status again changes nothing', () => {
    const inReview = run([...started, { type: 'report_status_changed', at: '2024-03-11T00:00:00Z', reportStatus: 'Approved' }]);
    const r = unwrap(plextrac.apply(inReview, { type: 'report_status_changed', at: '2024-03-12T00:00:00Z', reportStatus: 'Approved' }));
    expect(r.changed).toBe(false);
    expect(r.state).toBe(inReview);
  });

  it('a report moving backwards follows the derivation: Published → Draft is In Progress again', () => {
    const complete = run([...started, { type: 'report_status_changed', at: '2024-03-11T00:00:00Z', reportStatus: 'Published' }]);
    expect(complete.status).toBe('Complete');
    const r = unwrap(plextrac.apply(complete, { type: 'report_status_changed', at: '2024-03-12T00:00:00Z', reportStatus: 'Draft' }));
    expect(r.state.status).toBe('In Progress');
    expect(r.effects[0]).toMatchObject({ from: 'Complete', to: 'In Progress', cause: 'report_status_changed' });
  });

  it('…or Scheduled again when the start date has not been reached', () => {
    const s = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'report_status_changed', at: '2024-03-03T00:00:00Z', reportStatus: 'Published' }]);
    expect(s.status).toBe('Complete');
    const r = unwrap(plextrac.apply(s, { type: 'report_status_changed', at: '2024-03-04T00:00:00Z', reportStatus: 'Draft' }));
    expect(r.state.status).toBe('Scheduled');
  });
});

describe('reschedule', () => {
  it('a start date moved into the future makes an In Progress engagement Scheduled again', () => {
    const s = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'clock', at: '2024-03-10T01:00:00Z' }]);
    expect(s.status).toBe('In Progress');
    const r = unwrap(plextrac.apply(s, { type: 'reschedule', at: '2024-03-10T02:00:00Z', startDate: '2024-04-01' }));
    expect(r.state.status).toBe('Scheduled');
    expect(r.state.data.startDate).toBe('2024-04-01');
    expect(r.effects[0]).toMatchObject({ from: 'In Progress', to: 'Scheduled', cause: 'reschedule' });
  });
  it('a start date moved into the past starts it at once', () => {
    const s = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]);
    expect(unwrap(plextrac.apply(s, { type: 'reschedule', at: '2024-03-03T00:00:00Z', startDate: '2024-03-01' })).state.status).toBe('In Progress');
  });
  it('a Pending request can be rescheduled and stays Pending', () => {
    const s = unwrap(plextrac.create(request, UTC)).state;
    const r = unwrap(plextrac.apply(s, { type: 'reschedule', at: '2024-03-03T00:00:00Z', startDate: '2024-05-01' }));
    expect(r.state.status).toBe('Pending');
    expect(r.state.data.startDate).toBe('2024-05-01');
  });
});

describe('cancel is terminal', () => {
  it.each([
    ['Pending', [request]],
    ['Scheduled', [request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]],
    ['Complete', [request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'report_status_changed', at: '2024-03-03T00:00:00Z', reportStatus: 'Published' }]],
  ] as const)('from %s', (_from, events) => {
    const s = run(events as readonly PlextracEventInput[]);
    const canceled = unwrap(plextrac.apply(s, { type: 'cancel', at: '2024-03-20T00:00:00Z', reason: 'client withdrew' })).state;
    expect(canceled.status).toBe('Canceled');
    const later: PlextracEventInput[] = [
      { type: 'clock', at: '2024-03-21T00:00:00Z' },
      { type: 'approve', at: '2024-03-21T00:00:00Z' },
      { type: 'report_status_changed', at: '2024-03-21T00:00:00Z', reportStatus: 'Draft' },
      { type: 'reschedule', at: '2024-03-21T00:00:00Z', startDate: '2024-04-01' },
      { type: 'cancel', at: '2024-03-21T00:00:00Z' },
    ];
    for (const event of later) {
      const r = plextrac.apply(canceled, event);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('terminal_state');
        expect(r.error.message).toContain('Canceled, which is final');
      }
    }
    expect(unwrap(plextrac.nextDue(canceled)).due).toBeNull();
  });
});

describe('facets for storage', () => {
  it('the asset is the client; Complete and Canceled engagements are not active', () => {
    const pending = unwrap(plextrac.create(request, UTC)).state;
    expect(plextrac.facets(pending)).toEqual({ asset: 'acme', active: true });
    const complete = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }, { type: 'report_status_changed', at: '2024-03-03T00:00:00Z', reportStatus: 'Published' }]);
    expect(plextrac.facets(complete)).toEqual({ asset: 'acme', active: false });
    const canceled = unwrap(plextrac.apply(pending, { type: 'cancel', at: '2024-03-03T00:00:00Z' })).state;
    expect(plextrac.facets(canceled).active).toBe(false);
  });
});

describe('time order and input validation', () => {
  it('an event dated before the last change is refused with out_of_order', () => {
    const s = unwrap(plextrac.create(request, UTC)).state;
    const r = plextrac.apply(s, { type: 'approve', at: '2024-02-01T00:00:00Z' });
    expect(!r.ok && r.error.code).toBe('out_of_order');
  });
  it('an event at the same instant as the last change is accepted', () => {
    const s = unwrap(plextrac.create(request, UTC)).state;
    expect(plextrac.apply(s, { type: 'approve', at: request.at }).ok).toBe(true);
  });
  it('instants are stored in canonical UTC form', () => {
    const s = unwrap(plextrac.create({ ...request, at: '2024-03-01T16:00:00+01:00' }, UTC)).state;
    expect(s.createdAt).toBe('2024-03-01T15:00:00.000Z');
    const d = unwrap(plextrac.create({ ...request, at: new Date('2024-03-01T15:00:00Z') }, UTC)).state;
    expect(d.createdAt).toBe('2024-03-01T15:00:00.000Z');
  });
  it('a misspelt field is reported, not ignored', () => {
    const r = plextrac.create({ ...request, startdate: '2024-03-10' } as never, UTC);
    expect(!r.ok && r.error.code).toBe('invalid_input');
    if (!r.ok) expect(r.error.message).toContain('startdate');
  });
  it('an unknown event type is unknown_event', () => {
    const s = unwrap(plextrac.create(request, UTC)).state;
    const r = plextrac.apply(s, { type: 'deny', at: '2024-03-02T00:00:00Z' } as never);
    expect(!r.ok && r.error.code).toBe('unknown_event');
  });
  it('bad settings are invalid_input naming the setting', () => {
    const r = plextrac.create(request, { settings: { timeZone: 'Nowhere/Land' } });
    expect(!r.ok && r.error.code).toBe('invalid_input');
    if (!r.ok) expect(r.error.issues[0]?.path).toEqual(['timeZone']);
    expect(() => plextrac.with({ settings: { timeZone: 42 } as never })).toThrow(/timeZone/);
  });
  it('a state of another lifecycle or version is lifecycle_mismatch', () => {
    const s = unwrap(plextrac.create(request, UTC)).state;
    const r1 = plextrac.apply({ ...s, lifecycle: 'defectdojo' } as never, { type: 'clock', at: '2024-03-02T00:00:00Z' });
    expect(!r1.ok && r1.error.code).toBe('lifecycle_mismatch');
    const r2 = plextrac.apply({ ...s, lifecycleVersion: 99 } as never, { type: 'clock', at: '2024-03-02T00:00:00Z' });
    expect(!r2.ok && r2.error.code).toBe('lifecycle_mismatch');
  });
  it('a tampered state (status not a PlexTrac status) is invalid_input', () => {
    const s = JSON.parse(JSON.stringify(unwrap(plextrac.create(request, UTC)).state));
    const r = plextrac.apply({ ...s, status: 'Done' }, { type: 'clock', at: '2024-03-02T00:00:00Z' });
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });
  it('a state read back from JSON works like the original', () => {
    const s = run([request, { type: 'approve', at: '2024-03-02T00:00:00Z' }]);
    const copy = JSON.parse(JSON.stringify(s));
    const a = plextrac.apply(s, { type: 'clock', at: '2024-03-10T00:00:00Z' });
    const b = plextrac.apply(copy, { type: 'clock', at: '2024-03-10T00:00:00Z' });
    expect(b).toEqual(a);
  });
  it('states and effects are frozen values', () => {
    const r = unwrap(plextrac.create(request, UTC));
    expect(Object.isFrozen(r.state)).toBe(true);
    expect(Object.isFrozen(r.state.data)).toBe(true);
    expect(Object.isFrozen(r.effects[0])).toBe(true);
  });
});

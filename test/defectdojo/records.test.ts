import { describe, expect, it } from 'vitest';
import {
  READ_ONLY_FIELDS,
  defectdojo,
  engagementRequestBody,
  engagementToRecord,
  parseEngagementRecord,
} from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { dojoRecord, richEngagement } from './aggregate-fixtures.js';
import { apply, create } from './helpers.js';

const record = (patch: Record<string, unknown> = {}) => ({ ...dojoRecord, ...patch });

describe('parseEngagementRecord: DefectDojo\'s REST API v2 record', () => {
  it('reads DefectDojo\'s own example into the engagement state, with no drift', () => {
    const r = unwrap(parseEngagementRecord(dojoRecord));
    expect(r.drift).toEqual([]);
    expect(r.engagement).toMatchObject({
      lifecycle: 'defectdojo',
      id: '42',
      status: 'In Progress',
      version: 1,
      createdAt: '2024-03-11T08:35:42.169Z',
      updatedAt: '2024-03-11T08:35:42.722Z',
      data: {
        name: 'nmap-office-client-1710146100',
        productId: '139',
        engagementType: 'CI/CD',
        targetStart: '2024-03-11',
        targetEnd: '2024-03-11',
        active: true,
        lead: '3',
        orchestrationEngine: '1',
        description: '',
        reason: null,
        branchTag: '',
        threatModel: false,
        progress: 'threat_model',
      },
    });
    expect(defectdojo.safeParseState(r.engagement).ok).toBe(true);
    expect(Object.isFrozen(r.engagement.data)).toBe(true);
  });

  it('gives the very record back: "" and null kept apart, microseconds kept, read-only lists carried', () => {
    const r = unwrap(parseEngagementRecord(dojoRecord));
    expect(unwrap(engagementToRecord(r.engagement, r.extra)).record).toEqual(dojoRecord);
  });

  it('unknown fields are kept, not lost', () => {
    const input = record({ risk_score: 7, new_field: { nested: [1, 2] } });
    const r = unwrap(parseEngagementRecord(input));
    expect(r.extra).toMatchObject({ risk_score: 7, new_field: { nested: [1, 2] } });
    expect(unwrap(engagementToRecord(r.engagement, r.extra)).record).toEqual(input);
    expect(unwrap(engagementRequestBody(r.engagement, r.extra)).body).toMatchObject({ risk_score: 7, new_field: { nested: [1, 2] } });
  });

  it('the state wins over extra for the fields it holds; a changed instant drops the old microseconds', () => {
    const r = unwrap(parseEngagementRecord(dojoRecord));
    const closed = apply(r.engagement, { type: 'close', at: '2024-03-12T00:00:00Z' }).state;
    const back = unwrap(engagementToRecord(closed, { ...r.extra, status: 'Bogus' })).record;
    expect(back).toMatchObject({ status: 'Completed', active: false, updated: '2024-03-12T00:00:00.000000Z', created: '2024-03-11T08:35:42.169727Z' });
  });

  describe('drift: accepted and reported, never refused', () => {
    it('active out of step with the status (a PATCH to Completed leaves active true): the state keeps DefectDojo\'s flag', () => {
      const r = unwrap(parseEngagementRecord(record({ status: 'Completed', active: true })));
      expect(r.drift.map((d) => d.kind)).toEqual(['active_inconsistent']);
      expect(r.drift[0]).toMatchObject({ fields: ['active', 'status'], received: { active: true, status: 'Completed' } });
      expect(r.engagement).toMatchObject({ status: 'Completed', data: { active: true } });
      // The next event brings it in line.
      expect(apply(r.engagement, { type: 'close', at: '2024-03-12T00:00:00Z' }).state.data.active).toBe(false);
      const reopened = unwrap(parseEngagementRecord(record({ status: 'In Progress', active: false })));
      expect(reopened.drift.map((d) => d.kind)).toEqual(['active_inconsistent']);
    });

    it('end before start (PATCH skips the date check): both dates kept; edits are refused until they are in order', () => {
      const r = unwrap(parseEngagementRecord(record({ target_start: '2024-03-20', target_end: '2024-03-11' })));
      expect(r.drift).toEqual([expect.objectContaining({ kind: 'end_before_start', fields: ['target_start', 'target_end'] })]);
      expect(r.engagement.data).toMatchObject({ targetStart: '2024-03-20', targetEnd: '2024-03-11' });
      const edit = defectdojo.apply(r.engagement, { type: 'edit', at: '2024-03-12T00:00:00Z', name: 'x' });
      expect(!edit.ok && edit.error.message).toContain('Your target start date exceeds your target end date');
      expect(defectdojo.apply(r.engagement, { type: 'edit', at: '2024-03-12T00:00:00Z', targetEnd: '2024-03-21' }).ok).toBe(true);
    });

    it('a missing status: DefectDojo\'s model default, Not Started', () => {
      for (const r of [unwrap(parseEngagementRecord(record({ status: null }))), unwrap(parseEngagementRecord((({ status: _s, ...rest }) => rest)(dojoRecord)))]) {
        expect(r.engagement.status).toBe('Not Started');
        expect(r.drift).toEqual([expect.objectContaining({ kind: 'missing_status', assumed: 'Not Started' })]);
      }
      const inactive = unwrap(parseEngagementRecord(record({ status: null, active: false })));
      expect(inactive.drift.map((d) => d.kind)).toEqual(['missing_status', 'active_inconsistent']);
    });

    it('a missing type, an empty name, un-normalised tags, a missing timestamp', () => {
      const r = unwrap(parseEngagementRecord(record({ engagement_type: null, name: '', tags: ['PCI', 'pci'], created: null, tmodel_path: null })));
      expect(r.drift.map((d) => d.kind)).toEqual(['missing_engagement_type', 'empty_name', 'tags_not_normalised', 'missing_value', 'missing_timestamp']);
      expect(r.engagement.data).toMatchObject({ engagementType: 'Interactive', name: '2024-03-11', tags: ['pci'], tmodelPath: 'none' });
      expect(r.engagement.createdAt).toBe('2024-03-11T08:35:42.722Z');
    });

    it('no timestamps at all: dated `now`, or refused asking for it', () => {
      const none = record({ created: null, updated: null });
      expect(parseEngagementRecord(none).ok).toBe(false);
      const r = unwrap(parseEngagementRecord(none, { now: '2024-03-12T00:00:00Z' }));
      expect(r.engagement.createdAt).toBe('2024-03-12T00:00:00.000Z');
    });
  });

  describe('options', () => {
    it('base: keeps what a record does not carry (version, asset name, Jira, time-rule marks)', () => {
      const base = richEngagement();
      const out = unwrap(engagementToRecord(base)).record;
      const back = unwrap(parseEngagementRecord(out, { base }));
      expect(back.engagement).toEqual(base);
      expect(back.drift).toEqual([]);
      const other = parseEngagementRecord(record(), { base: create({ id: '7' }) });
      expect(!other.ok && other.error.issues[0]!.path).toEqual(['base', 'id']);
    });

    it('now: the time rules count as already run, so reading an old engagement notifies nothing', () => {
      const old = record({ target_start: '2023-01-01', target_end: '2023-01-31', status: 'In Progress' });
      const fresh = unwrap(parseEngagementRecord(old)).engagement;
      expect(apply(fresh, { type: 'clock', at: '2024-03-12T00:00:00Z' }).effects.map((e) => e.type)).toEqual(['stale_engagement', 'engagement_expired']);
      const read = unwrap(parseEngagementRecord(old, { now: '2024-03-12T00:00:00Z' })).engagement;
      expect(read.data.clock.overdue).toBe(true);
      expect(defectdojo.apply(read, { type: 'clock', at: '2024-03-12T01:00:00Z' })).toMatchObject({ ok: true, changed: false });
    });
  });

  it('refuses what cannot describe an engagement, naming the field', () => {
    const cases: [unknown, string][] = [
      [record({ id: '42' }), 'id'],
      [record({ product: null }), 'product'],
      [record({ target_start: '11/03/2024' }), 'target_start'],
      [record({ status: 'Done' }), 'status'],
      [record({ lead: 'alice' }), 'lead'],
      [record({ active: 'yes' }), 'active'],
    ];
    for (const [input, field] of cases) {
      const r = parseEngagementRecord(input);
      expect(!r.ok && r.error.code).toBe('invalid_input');
      expect(!r.ok && r.error.issues[0]!.path).toEqual([field]);
    }
    for (const junk of [null, 'x', [], 1]) expect(parseEngagementRecord(junk).ok).toBe(false);
  });
});

describe('engagementToRecord and engagementRequestBody', () => {
  it('a library engagement becomes DefectDojo\'s record: snake_case, integer ids, microseconds', () => {
    const rec = unwrap(engagementToRecord(create({ productId: 139, lead: 7, orchestrationEngine: 2 }))).record;
    expect(rec).toMatchObject({ id: 42, product: 139, lead: 7, orchestration_engine: 2, target_start: '2024-03-04', created: '2024-03-01T10:00:00.000000Z', status: 'Not Started' });
    expect('notes' in rec).toBe(false);
  });

  it('the body leaves out what DefectDojo makes read-only, and needs no id', () => {
    const body = unwrap(engagementRequestBody(create({ id: 'new-1' }))).body;
    for (const key of READ_ONLY_FIELDS) expect(key in body).toBe(false);
    expect(body).toMatchObject({ product: 139, target_start: '2024-03-04', target_end: '2024-03-08', status: 'Not Started', engagement_type: 'Interactive', name: 'Q1 pentest' });
  });

  it('an id that is not a DefectDojo integer is refused, naming the field', () => {
    const r = engagementToRecord(create({ id: 'eng-1' }));
    expect(!r.ok && r.error.issues[0]!.path).toEqual(['id']);
    const lead = engagementRequestBody(create({ lead: 'alice' }));
    expect(!lead.ok && lead.error.issues[0]!.path).toEqual(['data', 'lead']);
    expect(engagementToRecord({} as never).ok).toBe(false);
    expect(engagementToRecord(create(), 'x' as never).ok).toBe(false);
  });
});

describe('records: awkward keys', () => {
  it('a "__proto__" key in a record is kept as data, and pollutes nothing', () => {
    const input = JSON.parse(JSON.stringify(dojoRecord).replace('{', '{"__proto__":{"polluted":true},')) as Record<string, unknown>;
    const r = unwrap(parseEngagementRecord(input));
    expect(Object.keys(r.extra)).toContain('__proto__');
    const back = unwrap(engagementToRecord(r.engagement, r.extra)).record;
    expect(Object.keys(back)).toContain('__proto__');
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

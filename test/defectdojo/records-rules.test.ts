/**
 * What `records.test.ts` leaves unpinned in reading DefectDojo's engagement records (docs/defectdojo-aggregate.md,
 * "DefectDojo records and drift"): every drift entry whole (kind, fields, message, what was received and assumed),
 * tags compared element by element, which timestamp stands in for a missing one, and each refusal in words with
 * its issue (options, settings, base, a record that is not an object, a base of another engagement, no date).
 */
import { describe, expect, it } from 'vitest';
import { parseEngagementRecord } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { dojoRecord } from './aggregate-fixtures.js';
import { create } from './helpers.js';
import { failedError } from '../fuzz/refusals.js';

const record = (patch: Record<string, unknown> = {}) => ({ ...dojoRecord, ...patch });
const drift = (patch: Record<string, unknown>, options?: Parameters<typeof parseEngagementRecord>[1]) => unwrap(parseEngagementRecord(record(patch), options)).drift;
const refused = (input: unknown, options?: unknown) => failedError(parseEngagementRecord(input, options as never));

describe('drift entries, whole', () => {
  it('a value DefectDojo would store otherwise: the field, what came, what is assumed, in words', () => {
    expect(drift({ status: null })).toEqual([
      { kind: 'missing_status', fields: ['status'], message: 'status null cannot be kept: "Not Started" is assumed, as DefectDojo would store it.', received: null, assumed: 'Not Started' },
    ]);
    expect(drift({ engagement_type: null })).toEqual([
      { kind: 'missing_engagement_type', fields: ['engagement_type'], message: 'engagement_type null cannot be kept: "Interactive" is assumed, as DefectDojo would store it.', received: null, assumed: 'Interactive' },
    ]);
    expect(drift({ name: '' })).toEqual([
      { kind: 'empty_name', fields: ['name'], message: 'name "" cannot be kept: "2024-03-11" is assumed, as DefectDojo would store it.', received: '', assumed: '2024-03-11' },
    ]);
    expect(drift({ progress: null })).toEqual([
      { kind: 'missing_value', fields: ['progress'], message: 'progress null cannot be kept: "threat_model" is assumed, as DefectDojo would store it.', received: null, assumed: 'threat_model' },
    ]);
    expect(drift({ tmodel_path: null })).toEqual([
      { kind: 'missing_value', fields: ['tmodel_path'], message: 'tmodel_path null cannot be kept: "none" is assumed, as DefectDojo would store it.', received: null, assumed: 'none' },
    ]);
  });

  it('tags not in normal form: fewer once lower-cased, or the same number but different, never when already normal', () => {
    expect(drift({ tags: ['PCI', 'pci'] })).toEqual([
      { kind: 'tags_not_normalised', fields: ['tags'], message: 'tags ["PCI","pci"] cannot be kept: ["pci"] is assumed, as DefectDojo would store it.', received: ['PCI', 'pci'], assumed: ['pci'] },
    ]);
    expect(drift({ tags: ['web', 'PCI'] }).map((d) => d.assumed)).toEqual([['web', 'pci']]);
    expect(drift({ tags: ['pci', 'web'] })).toEqual([]);
    expect(drift({ tags: ['pci', 'pci'] }).map((d) => d.assumed)).toEqual([['pci']]);
  });

  it('what is assumed is what the state holds', () => {
    const data = (patch: Record<string, unknown>) => unwrap(parseEngagementRecord(record(patch))).engagement.data;
    expect(data({ progress: null, tmodel_path: null, engagement_type: null, name: '' })).toMatchObject({
      progress: 'threat_model',
      tmodelPath: 'none',
      engagementType: 'Interactive',
      name: '2024-03-11',
    });
  });

  it('without base or now: fresh time-rule marks, not overdue; extra holds only what the state does not', () => {
    const r = unwrap(parseEngagementRecord(record({ new_field: 1 })));
    expect(r.engagement.data.clock).toEqual({ overdue: false, upcomingFor: null, staleFor: null, expiredFor: null });
    expect(Object.keys(r.extra).sort()).toEqual(['created', 'files', 'new_field', 'notes', 'prefetch', 'risk_acceptance', 'updated']);
  });

  it("text columns at DefectDojo's sizes", () => {
    const sizes = { name: 300, description: 2000, version: 100, reason: 2000, tracker: 200, build_id: 150, commit_hash: 150, branch_tag: 150 };
    for (const [field, max] of Object.entries(sizes)) {
      expect(parseEngagementRecord(record({ [field]: 'x'.repeat(max) })).ok, field).toBe(true);
      expect(refused(record({ [field]: 'x'.repeat(max + 1) })).issues.map((i) => i.path.join('.'))).toEqual([field]);
    }
  });

  it('active out of step, and the end before the start, in words', () => {
    expect(drift({ status: 'Completed', active: true })).toEqual([
      {
        kind: 'active_inconsistent',
        fields: ['active', 'status'],
        message: 'active is true with status "Completed": kept as DefectDojo has it; the next event applied sets it from the status.',
        received: { active: true, status: 'Completed' },
      },
    ]);
    expect(drift({ target_start: '2024-03-20' })).toEqual([
      {
        kind: 'end_before_start',
        fields: ['target_start', 'target_end'],
        message: 'target_end 2024-03-11 is before target_start 2024-03-20: both kept; edits are refused until the dates are in order.',
        received: { target_start: '2024-03-20', target_end: '2024-03-11' },
      },
    ]);
  });

  it('a missing timestamp: the other one stands in for it, or `now` when both are missing', () => {
    const created = '2024-03-11T08:35:42.169Z';
    const updated = '2024-03-11T08:35:42.722Z';
    expect(drift({ created: null })).toEqual([
      { kind: 'missing_timestamp', fields: ['created'], message: `created is missing: ${updated} is assumed.`, received: null, assumed: updated },
    ]);
    expect(drift({ updated: null })).toEqual([
      { kind: 'missing_timestamp', fields: ['updated'], message: `updated is missing: ${created} is assumed.`, received: null, assumed: created },
    ]);
    const now = '2024-04-01T00:00:00.000Z';
    expect(drift({ created: null, updated: null }, { now }).map((d) => [d.fields, d.assumed])).toEqual([
      [['created'], now],
      [['updated'], now],
    ]);
    const dated = unwrap(parseEngagementRecord(record({ created: null }))).engagement;
    expect([dated.createdAt, dated.updatedAt]).toEqual([updated, updated]);
  });
});

describe('refusals, in words', () => {
  it('no date at all and no `now`: one issue at created', () => {
    const e = refused(record({ created: null, updated: null }));
    expect([e.code, e.message]).toEqual(['invalid_input', 'The record has neither created nor updated: pass `now` in the options to date the engagement']);
    expect(e.issues).toEqual([{ path: ['created'], message: 'missing: pass options.now to date the engagement', code: 'custom' }]);
    expect(refused((({ created: _c, updated: _u, ...rest }) => rest)(dojoRecord)).issues.map((i) => i.path)).toEqual([['created']]);
  });

  it('a base of another engagement: one issue at base.id', () => {
    const base = create({ id: '7' });
    const e = refused(record(), { base });
    expect([e.code, e.message]).toEqual(['invalid_input', 'The base engagement "7" is not the record\'s engagement "42": pass the engagement the record describes']);
    expect(e.issues).toEqual([{ path: ['base', 'id'], message: 'expected "42", the record\'s id', code: 'custom' }]);
  });

  it('a base that is not an engagement, named at base', () => {
    const e = refused(record(), { base: { ...create({ id: '42' }), version: 0 } });
    expect(e.message).toMatch(/^Invalid engagement \(base\): /);
    for (const i of e.issues) expect(i.path[0]).toBe('base');
  });

  it('options, settings and the record itself', () => {
    expect(refused(record(), { bogus: 1 }).message).toMatch(/^Invalid record options:\n/);
    expect(refused(record(), { settings: { timeZone: 'Mars/Olympus' } }).code).toBe('invalid_input');
    for (const junk of [null, [], 'x', 42]) {
      expect(refused(junk).message).toBe('Invalid DefectDojo engagement record: expected a JSON object as /api/v2/engagements/ returns it');
    }
    expect(refused(record({ target_start: 5 })).message).toMatch(/^Invalid DefectDojo engagement record:\n/);
  });
});

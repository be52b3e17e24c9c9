/**
 * The record export (`record-export.ts`) and the delete plan (`delete.ts`), their rules word for word: an id
 * DefectDojo cannot hold refused naming the field and where the library keeps it; `extra` must be an object; the
 * read-only lists carried, unknown keys kept, the state winning for every field it holds; timestamps as text; a
 * deletion dated at the last change allowed, one before it refused with its facts.
 */
import { describe, expect, it } from 'vitest';
import { engagementRequestBody, engagementToRecord, planEngagementDelete } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { aggregateInput, asAggregate } from './aggregate-fixtures.js';
import { create } from './helpers.js';

describe('engagementToRecord and engagementRequestBody', () => {
  it('refuse an id DefectDojo cannot hold, naming the field and where the library keeps it', () => {
    const hostId = engagementToRecord(create({ id: 'eng-1' }));
    expect(hostId.ok).toBe(false);
    if (hostId.ok) return;
    expect(hostId.error.code).toBe('invalid_input');
    expect(hostId.error.message).toBe('id: "eng-1" is not a DefectDojo id. DefectDojo\'s ids are integers: keep DefectDojo\'s id in id.');
    expect(hostId.error.issues).toEqual([{ path: ['id'], message: '"eng-1" is not a DefectDojo id (an integer)', code: 'custom' }]);
    const hostProduct = engagementRequestBody(create({ productId: 'acme' }));
    expect(!hostProduct.ok && hostProduct.error.issues).toEqual([{ path: ['data', 'productId'], message: '"acme" is not a DefectDojo id (an integer)', code: 'custom' }]);
  });

  it('refuse extra that is not an object, saying what it must hold; and an engagement that is not one', () => {
    for (const extra of ['x', [], 7]) {
      const r = engagementToRecord(create(), extra as never);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toContain('record extra');
      expect(r.error.message).toContain("extra must be an object holding the record's other fields (as parseEngagementRecord returns it)");
    }
    // An engagement that is not one: its own refusal, before extra is looked at.
    const lost = engagementToRecord({ ...create(), status: 'Lost' } as never, 'x' as never);
    expect(!lost.ok && lost.error.message).toMatch(/^Invalid engagement \(engagement\): Invalid engagement state:/);
  });

  it('carry the read-only lists and unknown keys of extra, and the state wins for every field it holds', () => {
    const notes = [{ id: 1, entry: 'n' }];
    const { record } = unwrap(engagementToRecord(create(), { notes, newer_field: 'kept', name: 'not the state\'s' }));
    expect(record.notes).toEqual(notes);
    expect((record as unknown as Record<string, unknown>)['newer_field']).toBe('kept');
    // An unknown key is an ordinary (enumerable) property, as JSON sends it on.
    expect(JSON.parse(JSON.stringify(record)).newer_field).toBe('kept');
    expect(record.name).toBe(create().data.name);
    // A body has no read-only field, even when extra holds one.
    const { body } = unwrap(engagementRequestBody(create(), { id: 5, notes, updated: '2024-01-01T00:00:00.123456Z', newer_field: 'kept' }));
    for (const key of ['id', 'notes', 'updated']) expect(Object.keys(body)).not.toContain(key);
    expect((body as unknown as Record<string, unknown>)['newer_field']).toBe('kept');
  });

  it('give timestamps as text: DefectDojo\'s own when it is the same instant, else the state\'s with microseconds', () => {
    const engagement = create();
    const withMicroseconds = `${engagement.updatedAt.slice(0, -1)}123Z`;
    const statesOwn = `${engagement.updatedAt.slice(0, -1)}000Z`;
    expect(unwrap(engagementToRecord(engagement, { updated: withMicroseconds })).record.updated).toBe(withMicroseconds);
    expect(unwrap(engagementToRecord(engagement, { updated: '2001-01-01T00:00:00.000000Z' })).record.updated).toBe(statesOwn);
    expect(unwrap(engagementToRecord(engagement, { updated: Date.parse(engagement.updatedAt) })).record.updated).toBe(statesOwn);
    // The same instant as a Date is still not DefectDojo's text: the state's is given.
    expect(unwrap(engagementToRecord(engagement, { updated: new Date(engagement.updatedAt) })).record.updated).toBe(statesOwn);
  });
});

describe('planEngagementDelete', () => {
  it('accepts a deletion dated at the engagement\'s last change', () => {
    const last = asAggregate(aggregateInput()).engagement.updatedAt;
    expect(unwrap(planEngagementDelete(asAggregate(aggregateInput()), { at: last })).plan.at).toBe(last);
  });

  it('refuses one dated before it, with its facts, and options it cannot use, naming them', () => {
    const aggregate = asAggregate(aggregateInput());
    const e = aggregate.engagement;
    const early = planEngagementDelete(aggregate, { at: '2000-01-01T00:00:00Z' });
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.error.code).toBe('out_of_order');
    expect(early.error.message).toBe(`Deleting at 2000-01-01T00:00:00.000Z is dated before the engagement's last change at ${e.updatedAt}; time only moves forward.`);
    expect(early.error.details).toEqual({ engagementId: e.id, at: '2000-01-01T00:00:00.000Z', updatedAt: e.updatedAt });
    const bad = planEngagementDelete(aggregate, { at: 'soon' } as never);
    expect(!bad.ok && bad.error.message).toContain('delete options');
  });
});

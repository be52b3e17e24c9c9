/**
 * The calendar and the asset page's buckets (`src/defectdojo/aggregate/calendar.ts`), their orders and edges
 * stated from DefectDojo's behaviour: a range's first day includes an engagement ending on it; entries latest start
 * first, ties by DefectDojo's id order; buckets most recently updated (or latest end) first, ties by id highest
 * first; a reversed range and an invalid query refused, naming the query.
 */
import { describe, expect, it } from 'vitest';
import { calendarEntries, engagementBuckets, type DefectDojoState } from '../../src/defectdojo/index.js';
import { instant, unwrap } from '../../src/index.js';
import { apply, create, inStatus } from './helpers.js';

const ids = (list: readonly { readonly id: string }[]) => list.map((e) => e.id);
const edited = (s: DefectDojoState, day: string) => apply(s, { type: 'edit', at: instant(`2024-03-${day}T00:00:00Z`), description: day }).state;

describe('calendarEntries', () => {
  it('includes an engagement that ends on the first day of the range, not one that ends the day before', () => {
    const endsOnFirst = create({ id: '1', targetStart: '2024-02-20', targetEnd: '2024-03-01' });
    const endsBefore = create({ id: '2', targetStart: '2024-02-20', targetEnd: '2024-02-29' });
    const { entries } = unwrap(calendarEntries([endsOnFirst, endsBefore], { from: '2024-03-01', to: '2024-03-31' }));
    expect(entries.map((e) => e.engagementId)).toEqual(['1']);
  });

  it('orders by start, latest first, then by DefectDojo\'s id order', () => {
    const later = create({ id: '3', targetStart: '2024-03-10', targetEnd: '2024-03-12' });
    const same = ['2', '10', '9'].map((id) => create({ id, targetStart: '2024-03-04', targetEnd: '2024-03-08' }));
    const { entries } = unwrap(calendarEntries([...same, later], { from: '2024-03-01', to: '2024-03-31' }));
    expect(entries.map((e) => e.engagementId)).toEqual(['3', '2', '9', '10']);
  });

  it('refuses a range that ends before it starts, on "to", and an invalid query naming it', () => {
    const reversed = calendarEntries([], { from: '2024-03-02', to: '2024-03-01' });
    expect(reversed.ok).toBe(false);
    if (reversed.ok) return;
    expect(reversed.error.issues).toContainEqual(expect.objectContaining({ path: ['to'], message: 'the range ends before it starts: give a "to" on or after "from"' }));
    const invalid = calendarEntries([], { from: 'March', to: '2024-03-01' } as never);
    expect(!invalid.ok && invalid.error.message).toContain('calendar query');
  });
});

describe('engagementBuckets', () => {
  it('active and paused: most recently updated first, whatever the ids; closed: latest end first, ties by id highest first', () => {
    const paused = [edited(inStatus('On Hold', { id: '1' }), '07'), edited(inStatus('On Hold', { id: '3' }), '05'), edited(inStatus('On Hold', { id: '2' }), '09')];
    const active = [edited(inStatus('In Progress', { id: '5' }), '05'), edited(inStatus('In Progress', { id: '4' }), '08')];
    const closed = ['10', '9', '8'].map((id) => inStatus('Completed', { id, targetEnd: id === '8' ? '2024-03-25' : '2024-03-20' }));
    const { buckets } = unwrap(engagementBuckets([...paused, ...active, ...closed]));
    expect(ids(buckets.paused)).toEqual(['2', '1', '3']);
    expect(ids(buckets.active)).toEqual(['4', '5']);
    expect(ids(buckets.closed)).toEqual(['8', '10', '9']);
  });

  it('refuses an invalid query, naming it', () => {
    const refused = engagementBuckets([], { productId: -1 } as never);
    expect(!refused.ok && refused.error.message).toContain('bucket query');
  });
});

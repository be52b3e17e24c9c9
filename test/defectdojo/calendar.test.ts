import { describe, expect, it } from 'vitest';
import { calendarEntries, engagementBuckets, parseEngagementRecord, type DefectDojoState } from '../../src/defectdojo/index.js';
import { instant, unwrap } from '../../src/index.js';
import { dojoRecord } from './aggregate-fixtures.js';
import { apply, create, inStatus } from './helpers.js';

describe('calendarEntries (spec 1.3: target_end + 1 day as the exclusive end; ICS from 00:00 to the end of the last day)', () => {
  const march = create({ id: '1', targetStart: '2024-03-04', targetEnd: '2024-03-08' });
  const april = create({ id: '2', targetStart: '2024-04-01', targetEnd: '2024-04-30', lead: null, productName: null, productId: 140 });
  const spanning = create({ id: '3', targetStart: '2024-02-20', targetEnd: '2024-03-02' });

  it('an entry as DefectDojo\'s calendar shows it', () => {
    const { entries } = unwrap(calendarEntries([march], { from: '2024-03-01', to: '2024-03-31' }));
    expect(entries).toEqual([
      {
        engagementId: '1',
        productId: '139',
        title: 'Payments API: Q1 pentest (7)',
        url: '/engagement/1',
        start: '2024-03-04',
        end: '2024-03-09',
        startsAt: '2024-03-04T00:00:00.000Z',
        endsAt: '2024-03-08T23:59:59.999Z',
        status: 'Not Started',
        active: true,
        lead: '7',
      },
    ]);
  });

  it('the ICS span is in the tenant zone, across a DST change too', () => {
    const dst = create({ id: '4', targetStart: '2024-03-30', targetEnd: '2024-03-31' });
    const [entry] = unwrap(calendarEntries([dst], { from: '2024-03-01', to: '2024-03-31', settings: { timeZone: 'Europe/Paris' } })).entries;
    expect(entry).toMatchObject({ start: '2024-03-30', end: '2024-04-01', startsAt: '2024-03-29T23:00:00.000Z', endsAt: '2024-03-31T21:59:59.999Z' });
  });

  it('only engagements that overlap the range, latest start first; an unassigned lead and an unnamed asset as DefectDojo writes them', () => {
    const { entries } = unwrap(calendarEntries([march, april, spanning], { from: '2024-03-01', to: '2024-04-01' }));
    expect(entries.map((e) => e.engagementId)).toEqual(['2', '1', '3']);
    expect(entries[0]!.title).toBe('140: Q1 pentest (Unassigned)');
    expect(unwrap(calendarEntries([march, april, spanning], { from: '2024-03-09', to: '2024-03-31' })).entries).toEqual([]);
  });

  it('the lead filter: given leads, and null for unassigned', () => {
    expect(unwrap(calendarEntries([march, april], { from: '2024-01-01', to: '2024-12-31', leads: [7] })).entries.map((e) => e.engagementId)).toEqual(['1']);
    expect(unwrap(calendarEntries([march, april], { from: '2024-01-01', to: '2024-12-31', leads: [null] })).entries.map((e) => e.engagementId)).toEqual(['2']);
  });

  it('junk and reversed ranges are invalid_input', () => {
    expect(calendarEntries([march], { from: '2024-03-31', to: '2024-03-01' }).ok).toBe(false);
    expect(calendarEntries([march], { from: '2024-03-01' } as never).ok).toBe(false);
    expect(calendarEntries([march], { from: '2024-03-01', to: '2024-03-31', settings: { timeZone: 'Mars/Olympus' } }).ok).toBe(false);
    expect(calendarEntries(null as never, { from: '2024-03-01', to: '2024-03-31' }).ok).toBe(false);
  });
});

describe('engagementBuckets (spec 1.4)', () => {
  const at = (s: DefectDojoState, day: string) => apply(s, { type: 'edit', at: instant(`2024-03-${day}T00:00:00Z`), description: day }).state;
  const open1 = at(inStatus('In Progress', { id: '1' }), '05');
  const open2 = at(inStatus('In Progress', { id: '2' }), '07');
  const paused = at(inStatus('On Hold', { id: '3' }), '06');
  const notStarted = inStatus('Not Started', { id: '4' });
  const done = inStatus('Completed', { id: '5', targetEnd: '2024-03-20' });
  const cancelled = inStatus('Cancelled', { id: '6', targetEnd: '2024-03-25' });
  const elsewhere = inStatus('In Progress', { id: '7', productId: 140 });

  it('Active: active and In Progress by -updated; Paused: active, not In Progress, by -updated; Closed: inactive, by -target_end', () => {
    const { buckets } = unwrap(engagementBuckets([open1, open2, paused, notStarted, done, cancelled, elsewhere], { productId: 139 }));
    expect(buckets.active.map((e) => e.id)).toEqual(['2', '1']);
    expect(buckets.paused.map((e) => e.id)).toEqual(['3', '4']);
    expect(buckets.closed.map((e) => e.id)).toEqual(['6', '5']);
  });

  it('without a product: all engagements', () => {
    expect(unwrap(engagementBuckets([open1, elsewhere])).buckets.active.map((e) => e.id).sort()).toEqual(['1', '7']);
  });

  it('a drifted record lands where DefectDojo shows it: by its active flag', () => {
    const completedButActive = unwrap(parseEngagementRecord({ ...dojoRecord, status: 'Completed', active: true })).engagement;
    const { buckets } = unwrap(engagementBuckets([completedButActive]));
    expect(buckets.paused).toHaveLength(1);
    expect(buckets.closed).toHaveLength(0);
  });

  it('ties are broken by id, highest first; junk is invalid_input', () => {
    const a = inStatus('In Progress', { id: '9' });
    const b = inStatus('In Progress', { id: '10' });
    expect(unwrap(engagementBuckets([a, b])).buckets.active.map((e) => e.id)).toEqual(['10', '9']);
    expect(engagementBuckets([a], { productId: {} } as never).ok).toBe(false);
    expect(engagementBuckets([{}] as never).ok).toBe(false);
  });
});

/**
 * Issue #15, item 6: DefectDojo's engagement field `reason` and every event's audit `reason` have their own names.
 * Events set the engagement's field as `engagementReason`; `reason` on an event stays the audit reason.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo, editEngagement, engagementToRecord, newEngagement, parseEngagementRecord, type DefectDojoEventInput } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { dojoRecord } from './aggregate-fixtures.js';
import { apply, create } from './helpers.js';

const edit = (patch: Record<string, unknown>) => ({ type: 'edit', at: '2024-03-02T10:00:00Z', ...patch }) as DefectDojoEventInput;

describe("the engagement's reason", () => {
  it('create sets it; the audit reason beside it does not', () => {
    const s = create({ engagementReason: 'PCI requirement 11.3', reason: 'requested by the client' });
    expect(s.data.reason).toBe('PCI requirement 11.3');
    expect(create({ reason: 'audit only' }).data.reason).toBeNull();
  });

  it('edit sets it, clears it with null, and keeps it when absent or when only the audit reason is given', () => {
    const s = create();
    const set = apply(s, edit({ engagementReason: 'retest of Q4' })).state;
    expect(set.data.reason).toBe('retest of Q4');
    const kept = apply(set, edit({ name: 'renamed', reason: 'typo' })).state;
    expect(kept.data.reason).toBe('retest of Q4');
    const cleared = apply(kept, edit({ engagementReason: null })).state;
    expect(cleared.data.reason).toBeNull();
    // Setting the value it already has changes nothing.
    expect(apply(set, edit({ engagementReason: 'retest of Q4' })).changed).toBe(false);
  });

  it('newEngagement and editEngagement set and clear it', () => {
    const made = unwrap(newEngagement({ id: '7', at: '2024-03-01T10:00:00Z', productId: 1, targetStart: '2024-03-04', targetEnd: '2024-03-08', status: 'Not Started', engagementReason: 'annual' } as never));
    expect(made.state.data.reason).toBe('annual');
    const cleared = unwrap(editEngagement(made.state, { at: '2024-03-02T10:00:00Z', engagementReason: null, reason: 'no longer needed' } as never));
    expect(cleared.state.data.reason).toBeNull();
  });

  it('refuses a reason longer than DefectDojo allows (2000 characters)', () => {
    const r = defectdojo.apply(create(), edit({ engagementReason: 'x'.repeat(2001) }));
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });

  it('parseEngagementRecord reads it and the record round-trips, set, changed and cleared', () => {
    const withReason = { ...dojoRecord, reason: 'PCI scope' };
    const read = unwrap(parseEngagementRecord(withReason));
    expect(read.engagement.data.reason).toBe('PCI scope');
    expect(unwrap(engagementToRecord(read.engagement, read.extra)).record).toEqual(withReason);

    const changed = apply(read.engagement, { type: 'edit', at: '2024-03-12T00:00:00Z', engagementReason: 'new scope' } as DefectDojoEventInput).state;
    expect(unwrap(engagementToRecord(changed, read.extra)).record.reason).toBe('new scope');
    const cleared = apply(changed, { type: 'edit', at: '2024-03-12T01:00:00Z', engagementReason: null } as DefectDojoEventInput).state;
    expect(unwrap(engagementToRecord(cleared, read.extra)).record.reason).toBeNull();
    expect(unwrap(parseEngagementRecord(unwrap(engagementToRecord(cleared, read.extra)).record)).engagement.data.reason).toBeNull();
  });
});

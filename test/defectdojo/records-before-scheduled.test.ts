/**
 * Issue #15: DefectDojo releases before PR #14319 (February 2026) have seven engagement statuses, no "Scheduled".
 * Their records carry the same fields, so parseEngagementRecord reads them as they are: every one of the seven
 * statuses, with no drift, back to the very record, and the engagement goes on living under today's rules.
 */
import { describe, expect, it } from 'vitest';
import { DEFECTDOJO_STATUSES, defectdojo, engagementToRecord, parseEngagementRecord, type DefectDojoEventInput } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { dojoRecord } from './aggregate-fixtures.js';

// DefectDojo 2.x's ENGAGEMENT_STATUS_CHOICES, written out from its model (not derived from the library's list).
const SEVEN = ['Not Started', 'Blocked', 'Cancelled', 'Completed', 'In Progress', 'On Hold', 'Waiting for Resource'] as const;
const closed = (status: string) => status === 'Completed' || status === 'Cancelled';

describe('records from DefectDojo releases before the Scheduled status', () => {
  it('the library knows the seven and the one added after them', () => {
    expect([...DEFECTDOJO_STATUSES].filter((s) => !(SEVEN as readonly string[]).includes(s))).toEqual(['Scheduled']);
  });

  for (const status of SEVEN) {
    it(`reads a "${status}" record with no drift, and gives it back unchanged`, () => {
      const old = { ...dojoRecord, status, active: !closed(status) };
      const read = unwrap(parseEngagementRecord(old));
      expect(read.engagement.status).toBe(status);
      expect(read.engagement.data.active).toBe(!closed(status));
      expect(read.drift).toEqual([]);
      expect(unwrap(engagementToRecord(read.engagement, read.extra)).record).toEqual(old);
    });
  }

  it('an old engagement goes on under the current lifecycle: closed, then reopened', () => {
    const read = unwrap(parseEngagementRecord({ ...dojoRecord, status: 'Waiting for Resource' }));
    const closedNow = unwrap(defectdojo.apply(read.engagement, { type: 'close', at: '2024-03-12T00:00:00Z' } as DefectDojoEventInput)).state;
    expect(closedNow.status).toBe('Completed');
    const reopened = unwrap(defectdojo.apply(closedNow, { type: 'reopen', at: '2024-03-13T00:00:00Z' } as DefectDojoEventInput)).state;
    expect(reopened.status).toBe('In Progress');
  });

  it('a record without a status (validation off in an old release) is read as Not Started and reported', () => {
    const { status: _omitted, ...rest } = dojoRecord as Record<string, unknown>;
    const read = unwrap(parseEngagementRecord({ ...rest, status: null }));
    expect(read.engagement.status).toBe('Not Started');
    expect(read.drift.map((d) => d.kind)).toContain('missing_status');
  });
});

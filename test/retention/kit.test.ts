/**
 * The lifecycles' test kits with retention on: every core invariant (both engines agreeing, nextDue exact, versions,
 * effect ids...) and each lifecycle's own, on generated lives whose settings archive and delete within days.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { checkLifecycle, type CheckReport } from '../../src/testing/index.js';

const retentionArb = fc.record({
  archiveAfterDays: fc.integer({ min: 0, max: 10 }),
  deleteAfterDays: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
});
const zoneArb = fc.constantFrom('UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati');

describe('the kits with retention on', () => {
  it('DefectDojo keeps every invariant, defectdojoRetentionOnce included, with both engines', () => {
    const report: CheckReport = checkLifecycle(defectdojo, {
      numRuns: 120,
      machine: true,
      settings: fc.record({ timeZone: zoneArb, autoClose: fc.record({ enabled: fc.boolean(), days: fc.integer({ min: 0, max: 3 }) }), retention: retentionArb }),
    });
    expect(report.invariants).toContain('defectdojoRetentionOnce');
    expect(report.invariants).toContain('enginesAgree');
  }, 120_000);

  it('PlexTrac keeps every invariant, with both engines', () => {
    const report = checkLifecycle(plextrac, { numRuns: 120, machine: true, settings: fc.record({ timeZone: zoneArb, retention: retentionArb }) });
    expect(report.invariants).toContain('nextDueExact');
  }, 120_000);
});

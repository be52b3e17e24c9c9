/**
 * Issue #12 item 3 for DefectDojo: what a state read from outside may say about `active` and the status.
 *
 * The decision (docs/defectdojo.md, docs/robustness.md, docs/fidelity.md): DefectDojo itself produces every
 * combination of the flag and the status (UI create with Completed keeps `active`; the CI/CD edit form sets it
 * true on a closed engagement; an API PATCH of the status after a close leaves it false), so no combination is
 * refused as inconsistent. Such a state is read as it is, flag kept, and the next event applied sets the flag from
 * the status. The rule the library keeps, stated here independently of its code: after any event, `active` is false
 * exactly when the status is Completed or Cancelled.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFECTDOJO_STATUSES, defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import { defectdojoEngagementArb } from '../../src/defectdojo/kit/index.js';
import { unwrap } from '../../src/index.js';
import { inStatus } from './helpers.js';

const CLOSED = new Set(['Completed', 'Cancelled']);
const flipped = (s: DefectDojoState) => JSON.parse(JSON.stringify({ ...s, data: { ...s.data, active: !s.data.active } })) as DefectDojoState;

describe('DefectDojo states whose active flag disagrees with the status', () => {
  it('a Completed engagement that is still active (DefectDojo\'s UI create, or the CI/CD edit form) is read as it is', () => {
    const stored = { ...inStatus('Completed'), data: { ...inStatus('Completed').data, active: true } };
    const read = unwrap(defectdojo.safeParseState(JSON.parse(JSON.stringify(stored))));
    expect(read.state.status).toBe('Completed');
    expect(read.state.data.active).toBe(true);
  });

  it('an In Progress engagement that is inactive (an API PATCH of the status after a close) is read as it is, and the next event sets the flag', () => {
    const open = inStatus('In Progress');
    const stored = JSON.parse(JSON.stringify({ ...open, data: { ...open.data, active: false } })) as DefectDojoState;
    expect(unwrap(defectdojo.safeParseState(stored)).state.data.active).toBe(false);
    const next = unwrap(defectdojo.apply(stored, { type: 'clock', at: stored.updatedAt }));
    expect(next.state.status).toBe('In Progress');
    expect(next.state.data.active).toBe(true);
  });

  test.prop([defectdojoEngagementArb(), fc.constantFrom(...DEFECTDOJO_STATUSES)], { numRuns: 60 })(
    'any flag with any status is accepted with the flag kept; after the next event, active is false exactly for Completed and Cancelled',
    (engagement, status) => {
      const stored = flipped(engagement);
      const read = defectdojo.safeParseState(stored);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.state.data.active).toBe(stored.data.active);
      const event = status === stored.status ? { type: 'clock' as const, at: stored.updatedAt } : { type: 'set_status' as const, at: stored.updatedAt, status };
      const next = defectdojo.apply(stored, event);
      // Some moves are refused by the lifecycle's own rules; never because of the flag (that would be `invalid_input`).
      if (!next.ok) return expect(next.error.code).not.toBe('invalid_input');
      expect(next.state.data.active).toBe(!CLOSED.has(next.state.status));
    },
  );

  test.prop([defectdojoEngagementArb()], { numRuns: 40 })('the engine never emits a state whose flag disagrees with its status', (engagement) => {
    expect(engagement.data.active).toBe(!CLOSED.has(engagement.status));
  });
});

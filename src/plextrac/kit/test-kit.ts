/** PlexTrac's test kit: its invariants, and payloads that make engagements live realistic lives. */
import * as fc from 'fast-check';
import { defineTestKit, relativeDate, timeZoneArb } from '../../testing/kit-support.js';
import { REPORT_STATUSES } from '../index.js';
import { plextracInvariants } from './invariants.js';
import { eager, lazyObject } from '../../core/index.js';

const operators = /* @__PURE__ */ lazyObject(() => fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 3 }));
const engagement = /* @__PURE__ */ lazyObject(() => ({
  clientId: fc.constantFrom('client-1', 'client-2'),
  name: fc.constantFrom('Web app pentest', 'External network test'),
  // Start dates near the request, so that Scheduled → In Progress happens within the scenario.
  startDate: relativeDate(-20, 20),
}));

/** PlexTrac's test kit, registered under the lifecycle id `plextrac`. */
export const plextracKit = /* @__PURE__ */ lazyObject(() => defineTestKit('plextrac', {
  invariants: plextracInvariants,
  scenario: {
    settings: fc.record({ timeZone: timeZoneArb() }),
    weights: { approve: 2, report_status_changed: 4, clock: 5, reschedule: 2, cancel: 1 },
    payloads: {
      request: fc.record({ ...eager(engagement), requestedBy: fc.constantFrom('dana', 'erin') }, { requiredKeys: ['clientId', 'name', 'startDate'] }),
      schedule: fc.record({ ...eager(engagement), operators: eager(operators) }),
      approve: fc.record({ operators: eager(operators) }),
      // Both spellings: the API's "Ready For Review" and the UI's "Ready for Review".
      report_status_changed: fc.record({ reportStatus: fc.constantFrom(...REPORT_STATUSES, 'Ready For Review' as const) }),
      reschedule: fc.record({ startDate: relativeDate(-15, 15) }),
    },
  },
}));

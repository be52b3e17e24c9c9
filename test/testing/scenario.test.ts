/** Generated scenarios: realistic clocks, valid payloads, stable ids, and the user's say over weights and payloads. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { addCalendarDays, calendarDateAt, unwrap, type Instant } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { relativeDate, scenarioArb, settingsArb } from '../../src/testing/index.js';
import { defectdojo } from '../../src/defectdojo/index.js';
import { extendWorkflow } from '../../src/workflow/index.js';

const held = extendWorkflow(plextrac, {
  id: 'held',
  statuses: ['On Hold'],
  events: { hold: {}, resume: {} },
  transitions: [
    { from: ['Scheduled', 'In Progress'], on: 'hold', to: 'On Hold' },
    { from: 'On Hold', on: 'resume', to: 'In Progress' },
  ],
});

describe('scenarioArb', () => {
  test.prop([scenarioArb(plextrac)])('a creation with a stable id, then events whose time only moves forward', (scenario) => {
    expect(scenario.create).toMatchObject({ id: 'eng-1' });
    expect(['request', 'schedule']).toContain((scenario.create as { type: string }).type);
    let previous = (scenario.create as { at: string }).at;
    for (const event of scenario.events) {
      expect(event.at >= previous).toBe(true);
      previous = event.at as string;
    }
    expect(scenario.events.length).toBeLessThanOrEqual(20);
  });

  test.prop([scenarioArb(plextrac, { maxEvents: 8 })])('every event matches its schema', (scenario) => {
    for (const event of [scenario.create, ...scenario.events]) expect(plextrac.safeParseEvent(event).ok).toBe(true);
    expect(plextrac.safeParseSettings(scenario.settings).ok).toBe(true);
  });

  test.prop([scenarioArb(held, { maxEvents: 8 })])('a workflow gets payloads from the kit of the lifecycle it extends', (scenario) => {
    expect(['client-1', 'client-2']).toContain((scenario.create as { clientId: string }).clientId);
    for (const event of [scenario.create, ...scenario.events]) expect(held.safeParseEvent(event).ok).toBe(true);
  });

  test.prop([
    scenarioArb(plextrac, {
      minEvents: 3,
      maxEvents: 5,
      weights: { cancel: 0, clock: 0, approve: 0, report_status_changed: 0 },
      creations: ['request'],
      payloads: { request: fc.record({ clientId: fc.constant('acme'), requestedBy: fc.constant(undefined) }), reschedule: fc.record({ startDate: relativeDate(1, 1) }) },
      start: { min: '2026-03-01T00:00:00Z', max: '2026-03-02T00:00:00Z' },
      engagementId: 'pentest-7',
    }),
  ])('weights, creations, payloads, start and the engagement id are the user\'s to choose', (scenario) => {
    const create = scenario.create as Record<string, unknown>;
    expect(create).toMatchObject({ type: 'request', id: 'pentest-7', clientId: 'acme' });
    expect(create).not.toHaveProperty('requestedBy');
    expect(create.at! >= '2026-03-01T00:00:00.000Z' && create.at! <= '2026-03-02T00:00:00.000Z').toBe(true);
    expect(scenario.events.length).toBeGreaterThanOrEqual(3);
    const zone = unwrap(plextrac.safeParseSettings(scenario.settings)).settings.timeZone;
    for (const event of scenario.events) {
      expect(event.type).toBe('reschedule');
      // The day after the event's own day, in the tenant zone.
      expect((event as { startDate?: string }).startDate).toBe(addCalendarDays(calendarDateAt(event.at as string as Instant, zone), 1));
    }
  });

  it('lateEvents sends some events dated before the previous one', () => {
    const scenarios = fc.sample(scenarioArb(plextrac, { lateEvents: 0.5, minEvents: 10 }), { numRuns: 20, seed: 1 });
    const late = scenarios.flatMap((s) => s.events.filter((e, i) => i > 0 && (e.at as string) < (s.events[i - 1]!.at as string)));
    expect(late.length).toBeGreaterThan(0);
  });

  it('prints as its events, one a line, in fast-check reports', () => {
    const [scenario] = fc.sample(scenarioArb(plextrac, { minEvents: 2, maxEvents: 2 }), { numRuns: 1, seed: 3 });
    expect(fc.stringify(scenario)).toMatch(/^settings \{.*\}\n  #0 \d{4}-.* (request|schedule) id="eng-1".*\n  #1 .*\n  #2 /);
  });

  test.prop([settingsArb(held), settingsArb(defectdojo)])('settings: the kit\'s, or derived from the settings schema', (a, b) => {
    expect(held.safeParseSettings(a).ok).toBe(true);
    expect(defectdojo.safeParseSettings(b).ok).toBe(true);
  });

  it('refuses options naming unknown events, and bad values', () => {
    expect(() => scenarioArb(plextrac, { payloads: { aprove: fc.constant({}) } })).toThrow(/"payloads" names unknown event "aprove"/);
    expect(() => scenarioArb(plextrac, { creations: ['approve'] })).toThrow(/"approve" is not a creation event/);
    expect(() => scenarioArb(plextrac, { weights: { clock: -1 } })).toThrow(/Invalid scenario options/);
    expect(() => scenarioArb(plextrac, { lateEvents: 2 })).toThrow(/Invalid scenario options/);
  });
});

/**
 * Property tests of Acme's variant: PlexTrac's invariants (but the derivation it drops), the core invariants, and
 * its own, on generated engagement lives in tricky time zones; and a check of the team's own service against it.
 */
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { toMermaid, unwrap } from 'engagement-lifecycle';
import { assertScenario, checkHostAgainstModel, checkLifecycle, scenarioArb, type HostSystem } from 'engagement-lifecycle/testing';
import { statusGraph } from 'engagement-lifecycle/workflow';
import { acmePlextrac } from './acme-plextrac.js';
import { acmeInvariants } from './acme-invariants.js';

// Holds and resumes a bit more often than the other events, so that long lives go through On Hold.
const scenarios = { weights: { hold: 2, resume: 2 } };

describe("Acme's PlexTrac", () => {
  it('keeps every invariant, and every status is reached', () => {
    const report = checkLifecycle(acmePlextrac, { ...scenarios, add: acmeInvariants, mustReach: 'all', numRuns: 200 });
    expect(report.invariants).toEqual(expect.arrayContaining(['plextracCanceledAbsorbs', 'terminalAbsorbs', 'acmeDerivation']));
    expect(report.invariants).not.toContain('plextracDerivation');
  }, 60_000);

  // The same check, one scenario per vitest property run.
  test.prop([scenarioArb(acmePlextrac, scenarios)], { numRuns: 100 })('every generated life keeps the invariants', (scenario) => {
    assertScenario(acmePlextrac, scenario, { add: acmeInvariants });
  });

  it('a denied request is final and tells the requester why', () => {
    const pending = unwrap(
      acmePlextrac.create({ type: 'request', id: 'eng-1', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-03-09', requestedBy: 'dana' }),
    ).state;
    const denied = unwrap(acmePlextrac.apply(pending, { type: 'deny', at: '2026-03-03T09:00:00Z', reason: 'no budget this quarter' }));
    expect(denied.state.status).toBe('Denied');
    expect(denied.effects[1]).toMatchObject({ type: 'notify_requester', requestedBy: 'dana', reason: 'no budget this quarter' });
    expect(acmePlextrac.apply(denied.state, { type: 'approve', at: '2026-03-04T09:00:00Z', operators: [] })).toMatchObject({ ok: false, error: { code: 'terminal_state' } });
  });

  it('its diagram shows the new statuses', () => {
    expect(statusGraph(acmePlextrac).edges).toContainEqual({ from: 'On Hold', to: 'In Progress', event: 'resume' });
    expect(toMermaid(acmePlextrac)).toContain('Pending --> Denied : deny');
  });
});

/** The team's engagements service, as the kit drives it: here an in-memory store behind an async API. */
function engagementsService(): HostSystem<{ rows: Map<string, string>; settings: unknown }, unknown> {
  return {
    setup: (settings) => ({ rows: new Map(), settings }),
    async send(service, event) {
      const engine = acmePlextrac.with({ settings: service.settings as never });
      const row = service.rows.get('eng-1');
      const result = row === undefined ? engine.create(event as never) : engine.apply(JSON.parse(row), event as never);
      if (!result.ok) return { ok: false, code: result.error.code };
      service.rows.set(result.state.id, JSON.stringify(result.state));
      return { ok: true };
    },
    observe: (service, id) => {
      const row = service.rows.get(id);
      return row === undefined ? null : { status: JSON.parse(row).status, startDate: JSON.parse(row).data.startDate };
    },
  };
}

it("the team's service agrees with the model, event by event", async () => {
  await checkHostAgainstModel(acmePlextrac, {
    ...scenarios,
    host: engagementsService(),
    // The model's state, as the service shows it.
    project: (state) => (state === null ? null : { status: state.status, startDate: state.data.startDate }),
    numRuns: 50,
  });
}, 60_000);

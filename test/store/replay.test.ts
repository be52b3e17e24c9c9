import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, replayStatus, statusAt } from '../../src/store/index.js';
import { plextracScenarioArb } from '../../src/testing/arbitraries.js';

describe('audit replay', () => {
  test.prop([plextracScenarioArb({ maxEvents: 12 })], { numRuns: 80 })(
    'the status replayed at any instant is the status after the last change applied at or before it',
    async (scenario) => {
      const store = createMemoryStore();
      const e = createEngagements(store, { lifecycles: [plextrac], settings: { plextrac: { timeZone: scenario.timeZone } } });
      const created = await e.create(plextrac, scenario.create);
      if (!created.ok) return;
      const timeline: [string, PlextracState][] = [[created.state.updatedAt, created.state]];
      for (const event of scenario.events) {
        const r = await e.apply(plextrac, created.state.id, event);
        if (r.ok && r.changed) timeline.push([r.state.updatedAt, r.state]);
      }
      const key = { lifecycle: 'plextrac', id: created.state.id };
      const probes = [...timeline.map(([at]) => at), ...scenario.events.map((ev) => new Date(ev.at).toISOString())];
      for (const probe of probes) {
        const last = timeline.filter(([at]) => at <= probe).at(-1);
        expect(await statusAt(store.audit, key, probe as never)).toBe(last ? last[1].status : null);
      }
      expect(await statusAt(store.audit, key, '1999-01-01T00:00:00Z')).toBeNull();
    },
  );

  it('is null after a deletion and refuses an invalid instant', () => {
    const base = { lifecycle: 'x', engagementId: 'e', event: 'e', actor: null, reason: null };
    const history = [
      { ...base, version: 1, from: null, to: 'Open', at: '2030-01-01T00:00:00.000Z' },
      { ...base, version: 2, from: 'Open', to: null, at: '2030-01-02T00:00:00.000Z' },
    ] as const;
    expect(replayStatus(history, '2030-01-01T12:00:00Z')).toBe('Open');
    expect(replayStatus(history, '2030-01-02T00:00:00Z')).toBeNull();
    expect(() => replayStatus(history, '2030-01-01' as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore } from '../../src/store/index.js';
import { probeA } from '../../src/testing/store-contract/probe.js';

const settings = { plextrac: { timeZone: 'America/New_York' } };
const request = { type: 'request', id: 'eng-1', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Web', startDate: '2026-03-09' } as const;

describe('createEngagements', () => {
  it('creates, applies and reads back through the store, with due instants from the settings', async () => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [plextrac], settings });
    unwrap(await e.create(plextrac, request));
    const approved = unwrap(await e.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice'] }));
    expect(approved.state.status).toBe('Scheduled');
    const stored = await e.get(plextrac, 'eng-1');
    expect(stored?.state).toEqual(approved.state);
    expect(stored?.dueAt).toBe('2026-03-09T04:00:00.000Z'); // midnight in New York (EDT)
    expect(stored?.asset).toBe('acme');
    expect((await store.audit.history({ lifecycle: 'plextrac', id: 'eng-1' })).map((a) => `${a.from}→${a.to}`)).toEqual(['null→Pending', 'Pending→Scheduled']);
  });

  it('returns refusals, not_found and version_conflict as results, and saves nothing for them', async () => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [plextrac], settings });
    unwrap(await e.create(plextrac, request));
    const twice = await e.create(plextrac, request);
    expect(!twice.ok && twice.error.code).toBe('version_conflict');
    const missing = await e.apply(plextrac, 'nope', { type: 'cancel', at: '2026-03-03T00:00:00Z' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const refused = await e.apply(plextrac, 'eng-1', { type: 'report_status_changed', at: '2026-03-03T00:00:00Z', reportStatus: 'Draft' });
    expect(!refused.ok && refused.error.code).toBe('transition_not_allowed');
    const [a, b] = await Promise.all([
      e.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice'] }),
      e.apply(plextrac, 'eng-1', { type: 'cancel', at: '2026-03-03T09:30:00Z' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'version_conflict' } });
    expect(await store.audit.history({ lifecycle: 'plextrac', id: 'eng-1' })).toHaveLength(2);
  });

  it('saves nothing for an event that changes nothing', async () => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [plextrac], settings });
    unwrap(await e.create(plextrac, request));
    const r = unwrap(await e.apply(plextrac, 'eng-1', { type: 'clock', at: '2026-03-04T00:00:00Z' }));
    expect(r.changed).toBe(false);
    expect(await store.audit.history({ lifecycle: 'plextrac', id: 'eng-1' })).toHaveLength(1);
  });

  it('makes ids with the injected generator when the creation event has none', async () => {
    let n = 0;
    const e = createEngagements(createMemoryStore(), { lifecycles: [plextrac], settings, newId: () => `gen-${++n}` });
    const { id: _omit, ...withoutId } = request;
    expect(unwrap(await e.create(plextrac, withoutId)).state.id).toBe('gen-1');
    expect(await e.get(plextrac, 'gen-1')).not.toBeNull();
  });

  it('refuses lifecycles it was not given, and invalid settings up front', async () => {
    const e = createEngagements(createMemoryStore(), { lifecycles: [plextrac] });
    await expect(e.get(probeA, 'x')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => createEngagements(createMemoryStore(), { lifecycles: [plextrac], settings: { plextrac: { timeZone: 'Mars/Olympus' } } })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('validates states read from the store', async () => {
    const store = createMemoryStore();
    const e = createEngagements(store, { lifecycles: [plextrac], settings });
    const created = unwrap(plextrac.create(request));
    const json = JSON.parse(JSON.stringify(created.state));
    const effects = JSON.parse(JSON.stringify(created.effects));
    const audit = { lifecycle: 'plextrac', engagementId: 'eng-1', version: 1, from: null, to: 'Pending', event: 'request', actor: null, reason: null, at: json.updatedAt };
    await store.save({ expectedVersion: null, engagement: { state: { ...json, lifecycleVersion: 99 }, dueAt: null, asset: 'acme', active: true }, effects, audit });
    await expect(e.get(plextrac, 'eng-1')).rejects.toMatchObject({ code: 'lifecycle_mismatch' });
  });
});

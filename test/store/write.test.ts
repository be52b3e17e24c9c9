import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createMemoryStore, parseWrite, writeOf } from '../../src/store/index.js';
import { at, openWrite, probeA, probeB } from '../../src/testing/store-contract/probe.js';

describe('writeOf', () => {
  const created = unwrap(probeA.create({ type: 'open', id: 'e1', at: at(0), asset: 'acme', dueMs: Date.parse(at(10)) }));

  it('builds the state, index fields, effects and audit record of a change, frozen', () => {
    const w = writeOf(probeA, null, created);
    expect(w).toEqual({
      expectedVersion: null,
      engagement: { state: created.state, dueAt: at(10), asset: 'acme', active: true },
      effects: created.effects,
      audit: { lifecycle: 'probe-a', engagementId: 'e1', version: 1, from: null, to: 'Open', event: 'open', actor: null, reason: null, at: at(0) },
    });
    expect(Object.isFrozen(w) && Object.isFrozen(w.engagement) && Object.isFrozen(w.audit)).toBe(true);
    expect(parseWrite(w)).toBe(w); // made from engine values: stores take it as it is
  });

  it('computes the due instant with the settings given', () => {
    const schedule = { type: 'schedule', id: 'p', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2026-03-09' } as const;
    const r = unwrap(plextrac.create(schedule));
    expect(writeOf(plextrac, null, r).engagement.dueAt).toBe('2026-03-09T00:00:00.000Z');
    expect(writeOf(plextrac, null, r, { settings: { timeZone: 'Asia/Kolkata' } }).engagement.dueAt).toBe('2026-03-08T18:30:00.000Z');
  });

  it('refuses what is not a change of the previous state', () => {
    const next = unwrap(probeA.apply(created.state, { type: 'edit', at: at(1), note: 'x' }));
    const same = unwrap(probeA.apply(created.state, { type: 'tick', at: at(1) }));
    const cases: [string, () => unknown, string][] = [
      ['changed: false', () => writeOf(probeA, created.state, same), 'invalid_input'],
      ['a version that does not follow', () => writeOf(probeA, null, next), 'invalid_input'],
      ['another engagement', () => writeOf(probeA, { ...created.state, id: 'e2' }, next), 'invalid_input'],
      ['a state of another lifecycle', () => writeOf(probeB, null, created), 'lifecycle_mismatch'],
      ['invalid settings', () => writeOf(probeA, null, created, { settings: { graceMs: 'x' } }), 'invalid_input'],
    ];
    for (const [what, f, code] of cases) expect(f, what).toThrow(expect.objectContaining({ code }));
  });

  it('a write with hand-made effects is not trusted: the store validates it', async () => {
    const w = writeOf(probeA, null, { ...created, effects: [{ ...created.effects[0]!, engagementId: 'other' }] });
    expect(parseWrite.bind(null, w)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    await expect(createMemoryStore().save(w)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createMemoryStore().save(openWrite(probeA, 'ok'))).resolves.toBeUndefined();
  });
});

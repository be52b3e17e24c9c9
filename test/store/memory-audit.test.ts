import { describe, expect, it } from 'vitest';
import { LifecycleError, unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, type MemoryStoreOptions } from '../../src/store/index.js';
import { deletePlan } from '../../src/testing/store-contract/outbox-cases.js';
import { AuditLog } from '../../src/store/memory/audit.js';
import type { AuditRecord } from '../../src/store/ports.js';

const settings = { plextrac: { timeZone: 'UTC' } };
const key = { lifecycle: 'plextrac', id: 'eng-1' } as const;
const request = { type: 'request', id: 'eng-1', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Web', startDate: '2026-03-09' } as const;

/** Creates eng-1 and moves it through four changes: five audit records in all, versions 1 to 5. */
async function fiveChanges(options: MemoryStoreOptions) {
  const store = createMemoryStore(options);
  const e = createEngagements(store, { lifecycles: [plextrac], settings });
  unwrap(await e.create(plextrac, request));
  unwrap(await e.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-03T09:00:00Z' }));
  unwrap(await e.apply(plextrac, 'eng-1', { type: 'reschedule', at: '2026-03-04T09:00:00Z', startDate: '2026-03-10' }));
  unwrap(await e.apply(plextrac, 'eng-1', { type: 'reschedule', at: '2026-03-05T09:00:00Z', startDate: '2026-03-11' }));
  unwrap(await e.apply(plextrac, 'eng-1', { type: 'cancel', at: '2026-03-06T09:00:00Z' }));
  return { store, e };
}

const versions = async (store: ReturnType<typeof createMemoryStore>) => (await store.audit.history(key)).map((r) => r.version);

describe('the in-memory audit log, bounded by auditLimit', () => {
  it('keeps every record by default', async () => {
    const { store } = await fiveChanges({});
    expect(await versions(store)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the newest records up to the limit, oldest first', async () => {
    expect(await versions((await fiveChanges({ auditLimit: 2 })).store)).toEqual([4, 5]);
    expect(await versions((await fiveChanges({ auditLimit: 5 })).store)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps none with 0, and still refuses the id of a deleted engagement', async () => {
    const { store, e } = await fiveChanges({ auditLimit: 0 });
    expect(await versions(store)).toEqual([]);
    const stored = await store.get(key);
    await store.executeDelete(deletePlan(stored!.state as never, { minute: 10 }));
    expect(await store.get(key)).toBeNull();
    expect(await versions(store)).toEqual([]);
    const again = await e.create(plextrac, request);
    expect(!again.ok && again.error.message).toMatch(/existed before and was deleted/);
  });

  it('leaves the kept records as they were when a write fails half-way', async () => {
    let failAudit = false;
    const store = createMemoryStore({
      auditLimit: 2,
      beforeWrite: (step) => {
        if (failAudit && step === 'audit') throw new Error('disk full');
      },
    });
    const e = createEngagements(store, { lifecycles: [plextrac], settings });
    unwrap(await e.create(plextrac, request));
    unwrap(await e.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-03T09:00:00Z' }));
    failAudit = true;
    await expect(e.apply(plextrac, 'eng-1', { type: 'cancel', at: '2026-03-06T09:00:00Z' })).rejects.toThrow('disk full');
    expect(await versions(store)).toEqual([1, 2]);
    expect((await store.get(key))?.state.status).toBe('Scheduled');
    failAudit = false;
    unwrap(await e.apply(plextrac, 'eng-1', { type: 'cancel', at: '2026-03-06T09:00:00Z' }));
    expect(await versions(store)).toEqual([2, 3]);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null])('refuses auditLimit %s with invalid_input', (auditLimit) => {
    const attempt = () => createMemoryStore({ auditLimit: auditLimit as never });
    expect(attempt).toThrow(LifecycleError);
    expect(attempt).toThrow(/auditLimit must be a whole number/);
  });
});

describe("the audit log's undo: a write rolled back leaves the log as it was", () => {
  const record = (version: number): AuditRecord =>
    Object.freeze({ lifecycle: 'plextrac', engagementId: 'eng-1', version, from: null, to: 'Pending', event: 'request', actor: null, reason: null, at: '2026-03-02T14:00:00.000Z' });
  const versionsOf = (log: AuditLog) => log.history('k').map((r) => r.version);

  it('undoing an append past the limit brings the dropped record back, in its place', () => {
    const log = new AuditLog(2);
    log.append('k', record(1));
    log.append('k', record(2));
    const undo = log.append('k', record(3));
    expect(versionsOf(log)).toEqual([2, 3]);
    undo();
    expect(versionsOf(log)).toEqual([1, 2]);
  });

  it("undoing an engagement's only record leaves it no history, and a later append starts afresh", () => {
    const log = new AuditLog(Number.POSITIVE_INFINITY);
    const undo = log.append('k', record(1));
    undo();
    expect(log.history('k')).toEqual([]);
    log.append('k', record(2));
    expect(versionsOf(log)).toEqual([2]);
  });

  it('undoing a retirement makes the id usable again', () => {
    const log = new AuditLog(0);
    const undo = log.retire('k');
    expect(log.isRetired('k')).toBe(true);
    undo();
    expect(log.isRetired('k')).toBe(false);
  });
});

describe('createMemoryStore refuses options it cannot use, saying what to give', () => {
  const refusal = (options: unknown): string => {
    try {
      createMemoryStore(options as MemoryStoreOptions);
    } catch (e) {
      expect(e).toBeInstanceOf(LifecycleError);
      expect((e as LifecycleError).code).toBe('invalid_input');
      return (e as LifecycleError).message;
    }
    throw new Error('expected a refusal');
  };

  it('options that are not an object', () => {
    for (const options of [null, 'audit', 3, () => ({})]) {
      expect(refusal(options), String(options)).toBe('createMemoryStore expects its options to be an object such as { beforeWrite }');
    }
  });

  it('a beforeWrite that is not a function, an auditLimit that is not a count, an option that throws when read', () => {
    expect(refusal({ beforeWrite: 'log' })).toBe('createMemoryStore: beforeWrite must be a function');
    expect(refusal({ auditLimit: -1 })).toBe('createMemoryStore: auditLimit must be a whole number, 0 or more (got -1)');
    const trap = (name: string) => ({ get [name]() { throw new Error('trap'); } });
    expect(refusal(trap('beforeWrite'))).toBe('Invalid input to createMemoryStore options: reading it threw (Error: trap)');
    expect(refusal(trap('auditLimit'))).toBe('Invalid input to createMemoryStore options: reading it threw (Error: trap)');
  });
});

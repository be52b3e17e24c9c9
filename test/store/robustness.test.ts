/**
 * Issue #12's root causes in `engagement-lifecycle/store` and `/postgres`, one reproducer each: a value that is
 * not what a function needs is refused with `invalid_input` naming it, a caller's throwing trap becomes
 * `invalid_input` with the original as `cause`, and what the functions return is frozen.
 */
import { describe, expect, it } from 'vitest';
import { plextrac } from 'engagement-lifecycle/plextrac';
import {
  createEngagements,
  createMemoryStore,
  engagementNotFound,
  keyOf,
  parseDecisions,
  parseListQuery,
  parsePendingOptions,
  reindex,
  replayStatus,
  sweep,
  writeOf,
} from 'engagement-lifecycle/store';
import { createPostgresStore, deadLetters, migrate, pgliteDatabase } from 'engagement-lifecycle/postgres';

const typed = (code: string, message?: RegExp) => expect.objectContaining({ name: 'LifecycleError', code, ...(message ? { message: expect.stringMatching(message) } : {}) });
const trap = () => new Proxy({}, { get: () => { throw new Error('caller trap'); }, has: () => { throw new Error('caller trap'); } });
const request = { type: 'request', id: 'eng-1', at: '2026-03-01T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-03-10' } as const;

describe('store: arguments that are not what they should be', () => {
  it('a value that is not a lifecycle is invalid_input naming the argument (writeOf, createEngagements, the facade)', async () => {
    expect(() => writeOf(new Map() as never, null, {} as never)).toThrow(typed('invalid_input', /writeOf: the lifecycle must be a lifecycle/));
    expect(() => createEngagements(createMemoryStore(), { lifecycles: [{ id: 'x', with: () => ({}) }] as never })).toThrow(typed('invalid_input'));
    const engagements = createEngagements(createMemoryStore(), { lifecycles: [plextrac] });
    await expect(engagements.create(undefined as never, request as never)).rejects.toEqual(typed('invalid_input', /create: the lifecycle must be a lifecycle/));
    await expect(engagements.get(plextrac, 42 as never)).rejects.toEqual(typed('invalid_input', /engagement id string/));
  });

  it('a value that is not a store is invalid_input (sweep, reindex, createEngagements)', async () => {
    await expect(sweep({} as never, { now: '2026-03-01T00:00:00Z', lifecycles: [plextrac] })).rejects.toEqual(typed('invalid_input', /sweep: the store/));
    await expect(reindex(null as never, { lifecycles: [plextrac] })).rejects.toEqual(typed('invalid_input', /reindex: the store/));
    expect(() => createEngagements({ get: () => null } as never, { lifecycles: [plextrac] })).toThrow(typed('invalid_input', /createEngagements: the store/));
  });

  it('keys, refusal makers, decisions and histories refuse what they cannot read', () => {
    expect(() => keyOf(undefined as never)).toThrow(typed('invalid_input', /keyOf expects an engagement key/));
    expect(() => engagementNotFound({ lifecycle: 'plextrac', id: Object.create(null) } as never)).toThrow(typed('invalid_input'));
    expect(() => parseDecisions([3], undefined as never)).toThrow(typed('invalid_input', /claimed items/));
    expect(() => replayStatus({} as never, '2026-03-01T00:00:00Z')).toThrow(typed('invalid_input', /audit history as an array/));
  });

  it("a caller's trap that throws is invalid_input with the original as cause", async () => {
    const error = (() => {
      try {
        keyOf(trap() as never);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toEqual(typed('invalid_input'));
    expect((error!.cause as Error).message).toBe('caller trap');
    await expect(createEngagements(createMemoryStore(), { lifecycles: [plextrac] }).sweep(trap() as never)).rejects.toEqual(typed('invalid_input'));
    expect(() => createMemoryStore(trap() as never)).toThrow(typed('invalid_input'));
  });
});

describe('store: outputs are frozen', () => {
  it('keys, parsed queries, pages, summaries and writes', async () => {
    expect(Object.isFrozen(keyOf({ lifecycle: 'plextrac', id: 'eng-1' }))).toBe(true);
    expect(Object.isFrozen(parseListQuery())).toBe(true);
    expect(Object.isFrozen(parsePendingOptions())).toBe(true);
    const store = createMemoryStore();
    const engagements = createEngagements(store, { lifecycles: [plextrac] });
    await engagements.create(plextrac, request);
    const page = await store.list();
    expect(Object.isFrozen(page) && Object.isFrozen(page.items)).toBe(true);
    const summary = await engagements.sweep({ now: '2026-03-20T00:00:00Z' });
    expect(Object.isFrozen(summary) && Object.isFrozen(summary.problems)).toBe(true);
    const re = await engagements.reindex();
    expect(Object.isFrozen(re) && Object.isFrozen(re.problems)).toBe(true);
    const duplicate = await engagements.create(plextrac, request);
    expect(duplicate.ok === false && Object.isFrozen(duplicate)).toBe(true);
  });

  it("writeOf with hand-made effects copies them: the write is frozen, the caller's effects are not", () => {
    const created = plextrac.create(request);
    if (!created.ok) throw created.error;
    const effects = created.effects.map((e) => ({ ...e }));
    const write = writeOf(plextrac, null, { ...created, effects });
    expect(Object.isFrozen(write) && Object.isFrozen(write.engagement) && Object.isFrozen(write.audit) && Object.isFrozen(write.effects[0])).toBe(true);
    expect(effects.some((e) => Object.isFrozen(e))).toBe(false);
    expect(write.effects).toEqual(effects);
  });
});

describe('postgres: arguments that are not a database', () => {
  it('createPostgresStore, migrate, pgliteDatabase and deadLetters refuse what lacks query and transaction', async () => {
    expect(() => createPostgresStore({} as never)).toThrow(typed('invalid_input', /createPostgresStore: the database/));
    await expect(migrate({ query: async () => ({ rows: [] }) } as never)).rejects.toEqual(typed('invalid_input', /migrate: the database/));
    expect(() => pgliteDatabase(null as never)).toThrow(typed('invalid_input', /pgliteDatabase: the PGlite instance/));
    await expect(deadLetters(trap() as never, 'default')).rejects.toEqual(typed('invalid_input'));
  });

  it("migrate's summary is frozen", async () => {
    const rows: { version: number }[] = [];
    const tx = { query: async () => ({ rows }) };
    const summary = await migrate({ ...tx, transaction: async (work: (t: typeof tx) => Promise<unknown>) => work(tx) } as never);
    expect(Object.isFrozen(summary) && Object.isFrozen(summary.applied)).toBe(true);
  });
});

/**
 * `typedStore` (`src/store/typed.ts`), its rules word for word: each refusal names what it refuses (the store, its
 * outbox, the options, the lifecycles) and a mismatch carries its facts in `details`; a stored state is handed out
 * as stored when its lifecycle accepts it as it is, and as the lifecycle's validated, frozen form otherwise.
 */
import { describe, expect, it } from 'vitest';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, typedStore, type EngagementStore } from '../../src/store/index.js';
import { unwrap } from '../../src/index.js';
import { probeA } from '../../src/testing/store-contract/probe.js';
import { rejectedError as rejection, thrownMessage } from '../fuzz/refusals.js';

const request = { type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-04-01' } as const;
const ddCreate = { type: 'create', id: 'dd-1', at: '2026-03-02T09:00:00Z', productId: 7, targetStart: '2026-03-02', targetEnd: '2026-03-09' } as const;


describe('what typedStore refuses, in words', () => {
  it('a store without get and list, a store without an outbox, and options it cannot use', () => {
    expect(thrownMessage(() => typedStore({} as never, { lifecycles: [plextrac] }))).toContain('a store (from createMemoryStore or an adapter)');
    const noOutbox = { get: async () => null, list: async () => ({ items: [], next: null }), outbox: {} };
    expect(thrownMessage(() => typedStore(noOutbox as never, { lifecycles: [plextrac] }))).toContain('a store with an outbox');
    const store = createMemoryStore();
    const none = thrownMessage(() => typedStore(store, { lifecycles: [] }));
    expect(none).toContain('typedStore options');
    expect(none).toContain('name at least one lifecycle');
    expect(thrownMessage(() => typedStore(store, { lifecycles: [{ id: 'plextrac', safeParseState: () => null }] as never }))).toContain(
      'expected a lifecycle (from defineLifecycle, e.g. plextrac)',
    );
    // Shaped like a lifecycle (id, version, declaration) but without the method the view calls.
    const { safeParseState: _, ...withoutParse } = plextrac;
    expect(thrownMessage(() => typedStore(store, { lifecycles: [withoutParse] as never }))).toContain('expected a lifecycle (from defineLifecycle, e.g. plextrac)');
    const unreadable = Object.defineProperty({}, 'lifecycles', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(thrownMessage(() => typedStore(store, unreadable as never))).toBe('Invalid input to typedStore: reading it threw (Error: no)');
  });

  it('an engagement or an effect of a lifecycle not named: lifecycle_mismatch naming those that are, with the facts', async () => {
    const store = createMemoryStore();
    const engagements = createEngagements(store, { lifecycles: [plextrac, defectdojo] });
    unwrap(await engagements.create(defectdojo, ddCreate));
    const typed = typedStore(store, { lifecycles: [plextrac] });
    const stateRefusal = await rejection(() => typed.get({ lifecycle: 'defectdojo', id: 'dd-1' }));
    expect(stateRefusal.message).toBe('Engagement "defectdojo/dd-1" is of lifecycle "defectdojo", not among those named (plextrac)');
    expect(stateRefusal.details).toEqual({ lifecycle: 'defectdojo', id: 'dd-1' });
    const effectRefusal = await rejection(() => typed.outbox.pending());
    expect(effectRefusal.code).toBe('lifecycle_mismatch');
    expect(effectRefusal.details).toMatchObject({ lifecycle: 'defectdojo', effectId: expect.stringMatching(/^defectdojo:dd-1:/) });
    expect(effectRefusal.message).toContain('not among those named (plextrac)');
    const two = typedStore(store, { lifecycles: [plextrac, probeA] });
    expect((await rejection(() => two.get({ lifecycle: 'defectdojo', id: 'dd-1' }))).message).toBe(
      'Engagement "defectdojo/dd-1" is of lifecycle "defectdojo", not among those named (plextrac, probe-a)',
    );
  });
});

describe('the states typedStore hands out', () => {
  it('as the lifecycle validated them: a state stored unfrozen comes back frozen, with the same values', async () => {
    const state = JSON.parse(JSON.stringify(unwrap(plextrac.create(request)).state));
    const stored = { state, dueAt: null, asset: 'acme', active: true };
    const store = {
      get: async () => stored,
      list: async () => ({ items: [stored], next: null }),
      outbox: { pending: async () => [], markDelivered: async () => undefined },
    } as unknown as EngagementStore;
    const typed = typedStore(store, { lifecycles: [plextrac] });
    const got = await typed.get({ lifecycle: 'plextrac', id: 'eng-1' });
    expect(got).toEqual(stored);
    expect(Object.isFrozen(got!.state)).toBe(true);
    expect(Object.isFrozen(state)).toBe(false);
    const [listed] = (await typed.list()).items;
    expect(Object.isFrozen(listed!.state)).toBe(true);
  });
});

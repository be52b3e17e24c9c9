import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod';
import { createActor } from 'xstate';
import { plextrac } from '../../src/plextrac/index.js';
import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, unwrap, type EngagementState } from '../../src/index.js';
import { machineOf, restore } from '../../src/machine/index.js';

const request = { type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-04-01' } as const;

describe('restore', () => {
  it('restores a persisted snapshot through JSON, and the actor continues', () => {
    const actor = createActor(machineOf(plextrac)).start();
    actor.send(request);
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown;
    actor.stop();
    const restored = unwrap(restore(plextrac, persisted));
    const again = createActor(machineOf(plextrac), { snapshot: restored.snapshot }).start();
    again.send({ type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] });
    expect(again.getSnapshot().value).toBe('Scheduled');
    again.stop();
  });

  it('refuses a snapshot whose value says Complete while its context says Pending', () => {
    const actor = createActor(machineOf(plextrac)).start();
    actor.send(request);
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as { value: string };
    actor.stop();
    const r = restore(plextrac, { ...persisted, value: 'Complete' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
  });

  it('refuses a context that fails the schema, and another lifecycle with lifecycle_mismatch', () => {
    const state = unwrap(plextrac.create(request)).state;
    const bad = restore(plextrac, { value: 'Pending', context: { engagement: { ...state, data: { ...state.data, reportStatus: 'Pubished' } } } });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    const other = restore(plextrac, { value: 'Pending', context: { engagement: { ...state, lifecycle: 'defectdojo' } } });
    expect(!other.ok && other.error.code).toBe('lifecycle_mismatch');
    expect(unwrap(restore(plextrac, { value: 'Pending', context: { engagement: state } })).state).toEqual(state);
  });
});

// A small lifecycle in two versions: v2 renamed the status Done to Closed and keeps a list of owners instead of one.
const v1Events = {
  open: creationEventSchema('open', { owner: z.string() }),
  hand: eventSchema('hand', { owner: z.string() }),
  finish: eventSchema('finish', {}),
};
type V1Event = z.output<(typeof v1Events)[keyof typeof v1Events]>;
const v1 = defineLifecycle(
  declareLifecycle<'Open' | 'Done', { owner: string; handovers: number }, V1Event, {}, never>({
    id: 'task', version: 1, statuses: ['Open', 'Done'], terminal: ['Done'],
    data: z.object({ owner: z.string(), handovers: z.number() }), events: v1Events, settings: z.object({}),
    create: [{ on: 'open', to: 'Open', init: ({ event }) => ({ owner: event.owner, handovers: 0 }) }],
    transitions: [
      { from: ['Open'], on: 'hand', update: ({ state, event }) => ({ owner: event.owner, handovers: state.data.handovers + 1 }) },
      { from: ['Open'], on: 'finish', to: 'Done' },
    ],
  }),
);
const v2Events = { ...v1Events, reopen: eventSchema('reopen', {}) };
type V2Event = z.output<(typeof v2Events)[keyof typeof v2Events]>;
const v2 = defineLifecycle(
  declareLifecycle<'Open' | 'Closed', { owners: string[]; handovers: number }, V2Event, {}, never>({
    id: 'task', version: 2, statuses: ['Open', 'Closed'], terminal: [],
    data: z.object({ owners: z.array(z.string()), handovers: z.number() }), events: v2Events, settings: z.object({}),
    create: [{ on: 'open', to: 'Open', init: ({ event }) => ({ owners: [event.owner], handovers: 0 }) }],
    transitions: [
      { from: ['Open'], on: 'hand', update: ({ state, event }) => ({ owners: [event.owner], handovers: state.data.handovers + 1 }) },
      { from: ['Open'], on: 'finish', to: 'Closed' },
      { from: ['Closed'], on: 'reopen', to: 'Open' },
    ],
    migrations: {
      1: (old) => {
        const data = old.data as { owner: string; handovers: number };
        return { status: old.status === 'Done' ? 'Closed' : old.status, data: { owners: [data.owner], handovers: data.handovers } };
      },
    },
  }),
);

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
const eventArb = (types: readonly string[]) => fc.record({ type: fc.constantFrom(...types), owner: fc.constantFrom('ana', 'bo') });
const toEvent = (e: { type: string; owner: string }, i: number) => (e.type === 'hand' ? { type: 'hand', owner: e.owner, at: at(i) } : { type: e.type, at: at(i) });

function run(lifecycle: typeof v1 | typeof v2, owner: string, events: readonly { type: string; owner: string }[], from = 1) {
  let state = unwrap((lifecycle as typeof v2).create({ type: 'open', id: 't1', at: at(0), owner } as never)).state as EngagementState;
  for (const [i, e] of events.entries()) {
    const r = (lifecycle as typeof v2).apply(state as never, toEvent(e, i + from) as never);
    if (r.ok) state = r.state;
  }
  return state;
}

describe('migrations', () => {
  test.prop([fc.constantFrom('ana', 'bo'), fc.array(eventArb(['hand', 'finish']), { maxLength: 5 }), fc.array(eventArb(['hand', 'finish', 'reopen']), { maxLength: 6 })])(
    'a migrated v1 state behaves as the v2 state created from the same facts',
    (owner, before, after) => {
      const old = run(v1, owner, before);
      const fresh = run(v2, owner, before);
      const migrated = v2.parseState(JSON.parse(JSON.stringify(old)));
      expect(migrated).toEqual(fresh);
      for (const [i, e] of after.entries()) {
        const event = toEvent(e, before.length + 1 + i);
        const a = v2.apply(migrated, event as never);
        const b = v2.apply(fresh as never, event as never);
        expect(a.ok).toBe(b.ok);
        if (a.ok && b.ok) expect([a.state, a.effects]).toEqual([b.state, b.effects]);
        else if (!a.ok && !b.ok) expect(a.error.code).toBe(b.error.code);
      }
    },
  );

  it('a migrated snapshot restores; a version with no path is refused with lifecycle_mismatch', () => {
    const old = run(v1, 'ana', [{ type: 'finish', owner: 'ana' }]);
    const restored = unwrap(restore(v2, { value: 'Done', context: { engagement: old } }));
    expect(restored.migrated).toBe(true);
    expect(restored.snapshot.value).toBe('Closed');
    // The value is checked against the stored (old) status: a persisted value that disagrees with it is refused.
    const tampered = restore(v2, { value: 'Open', context: { engagement: old } });
    expect(!tampered.ok && tampered.error.message).toBe('Cannot restore the snapshot: its value "Open" disagrees with its context (status "Done")');
    const r = v2.safeParseState({ ...old, lifecycleVersion: 0 });
    expect(!r.ok && r.error.code).toBe('lifecycle_mismatch');
    const none = v1.safeParseState({ ...old, lifecycleVersion: 2 });
    expect(!none.ok && none.error.code).toBe('lifecycle_mismatch');
  });

  it('a migration whose result fails the schema is refused with invalid_input', () => {
    const broken = defineLifecycle({ ...v2.declaration, migrations: { 1: (old) => ({ status: old.status, data: old.data }) } });
    const r = broken.safeParseState(run(v1, 'ana', []));
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });
});

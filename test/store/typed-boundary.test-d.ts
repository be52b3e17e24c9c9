/**
 * The store boundary keeps the lifecycles' types: `deliver` hands the named lifecycles' effect union to `send`, the
 * type guards narrow a plain `Effect`, `engagements.get` gives the lifecycle's state, and `typedStore`'s `get`,
 * `list` and `outbox.pending` give the named lifecycles' states and effects. Negative cases: a wrong
 * effect field, an effect type a lifecycle does not have, a status a lifecycle does not have.
 */
import { expectTypeOf, test } from 'vitest';
import { isEffectOf, isEffectType, type Effect, type LifecycleEffect } from '../../src/index.js';
import { defectdojo, type DefectDojoStatus } from '../../src/defectdojo/index.js';
import { plextrac, type PlextracStatus } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, deliver, typedStore } from '../../src/store/index.js';

const store = createMemoryStore();

test('deliver: send receives the effect union of the lifecycles named', () => {
  void deliver(store.outbox, (effect) => {
    expectTypeOf(effect).toEqualTypeOf<LifecycleEffect<typeof plextrac>>();
    if (effect.type === 'create_report') {
      expectTypeOf(effect.name).toEqualTypeOf<string>();
      // @ts-expect-error: create_report has no `title`
      void effect.title;
    }
    if (isEffectType(effect, 'status_changed')) expectTypeOf(effect.to).toEqualTypeOf<PlextracStatus>();
    // @ts-expect-error: PlexTrac emits no `close_epic` effect
    isEffectType(effect, 'close_epic');
  }, { lifecycles: [plextrac] });
});

test('deliver: two lifecycles give the union of both; none named gives a plain Effect', () => {
  void deliver(store.outbox, (effect) => {
    expectTypeOf(effect).toEqualTypeOf<LifecycleEffect<typeof plextrac> | LifecycleEffect<typeof defectdojo>>();
  }, { lifecycles: [plextrac, defectdojo] });
  void deliver(store.outbox, (effect) => {
    expectTypeOf(effect).toEqualTypeOf<Effect>();
    // @ts-expect-error: a plain Effect has no `title` until narrowed
    void effect.title;
  });
});

test('isEffectOf and isEffectType narrow a plain Effect', () => {
  const effect = {} as Effect;
  if (isEffectOf(plextrac, effect)) {
    expectTypeOf(effect).toEqualTypeOf<LifecycleEffect<typeof plextrac>>();
    if (isEffectType(effect, 'assign_operators')) expectTypeOf(effect.operators).toEqualTypeOf<readonly string[]>();
  }
  if (isEffectType(effect, 'anything')) expectTypeOf(effect.type).toEqualTypeOf<'anything'>();
});

test('engagements.get gives the lifecycle state, its status the status union', async () => {
  const engagements = createEngagements(store, { lifecycles: [plextrac, defectdojo] });
  const stored = await engagements.get(plextrac, 'eng-1');
  if (stored) {
    expectTypeOf(stored.state.status).toEqualTypeOf<PlextracStatus>();
    // @ts-expect-error: 'Pubished' is not a PlexTrac status
    const wrong: typeof stored.state.status = 'Pubished';
    void wrong;
  }
});

test('typedStore: get, list and outbox.pending carry the named lifecycles’ states and effects', async () => {
  const typed = typedStore(store, { lifecycles: [plextrac] });
  const stored = await typed.get({ lifecycle: 'plextrac', id: 'eng-1' });
  if (stored) {
    expectTypeOf(stored.state.status).toEqualTypeOf<PlextracStatus>();
    // @ts-expect-error: a PlexTrac state's data has no `title`
    void stored.state.data.title;
  }
  const page = await typed.list({ status: ['Pending', 'Scheduled'] });
  expectTypeOf(page.items[0]!.state.status).toEqualTypeOf<PlextracStatus>();
  // @ts-expect-error: 'Pubished' is not a PlexTrac status
  void typed.list({ status: 'Pubished' });
  const [entry] = await typed.outbox.pending({ limit: 10 });
  if (entry) {
    expectTypeOf(entry.effect).toEqualTypeOf<LifecycleEffect<typeof plextrac>>();
    if (entry.effect.type === 'create_report') expectTypeOf(entry.effect.clientId).toEqualTypeOf<string>();
    // @ts-expect-error: no PlexTrac effect has `title`
    void entry.effect.title;
  }
});

test('typedStore over two lifecycles gives the union of both', async () => {
  const typed = typedStore(store, { lifecycles: [plextrac, defectdojo] });
  const stored = await typed.get({ lifecycle: 'defectdojo', id: '1' });
  if (stored) expectTypeOf(stored.state.status).toEqualTypeOf<PlextracStatus | DefectDojoStatus>();
  const [entry] = await typed.outbox.pending();
  if (entry) expectTypeOf(entry.effect).toEqualTypeOf<LifecycleEffect<typeof plextrac> | LifecycleEffect<typeof defectdojo>>();
  // The typed outbox is an outbox: `deliver` takes it.
  void deliver(typed.outbox, () => undefined, { lifecycles: [plextrac, defectdojo] });
});

/**
 * The store boundary keeps the lifecycles' types: `deliver` hands the named lifecycles' effect union to `send`, the
 * type guards narrow a plain `Effect`, and `engagements.get` gives the lifecycle's state. Negative cases: a wrong
 * effect field, an effect type a lifecycle does not have, a status a lifecycle does not have.
 */
import { expectTypeOf, test } from 'vitest';
import { isEffectOf, isEffectType, type Effect, type LifecycleEffect } from '../../src/index.js';
import { defectdojo } from '../../src/defectdojo/index.js';
import { plextrac, type PlextracStatus } from '../../src/plextrac/index.js';
import { createEngagements, createMemoryStore, deliver } from '../../src/store/index.js';

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

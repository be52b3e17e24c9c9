import { createActor } from 'xstate';
import { describe, expectTypeOf, it } from 'vitest';
import { plextrac, type PlextracStatus } from '../../src/plextrac/index.js';
import { defectdojo, type DefectDojoStatus } from '../../src/defectdojo/index.js';
import { machineOf, restore, snapshotOf, stateOf, type NEW_STATE } from '../../src/machine/index.js';
import type { EngagementState } from '../../src/index.js';

describe('the machine carries the lifecycle types', () => {
  it('events: the apply input union, at as string or Date', () => {
    const actor = createActor(machineOf(plextrac));
    actor.send({ type: 'approve', at: new Date(), operators: ['ana'] });
    actor.send({ type: 'approve', at: '2026-03-03T09:00:00Z' });
    // @ts-expect-error a misspelt event
    actor.send({ type: 'aprove', at: '2026-03-03T09:00:00Z' });
    // @ts-expect-error a wrong report status
    actor.send({ type: 'set_report_status', at: '2026-03-03T09:00:00Z', reportStatus: 'Pubished' });
  });

  it('context, value, matches and can', () => {
    const snapshot = createActor(machineOf(plextrac)).getSnapshot();
    expectTypeOf(snapshot.context.engagement?.status).toEqualTypeOf<PlextracStatus | undefined>();
    expectTypeOf(snapshot.value).toEqualTypeOf<PlextracStatus | typeof NEW_STATE>();
    snapshot.matches('Scheduled');
    // @ts-expect-error not a PlexTrac status
    snapshot.matches('Scheduld');
    snapshot.can({ type: 'cancel', at: '2026-03-03T09:00:00Z' });
    // @ts-expect-error not an event
    snapshot.can({ type: 'cancell', at: '2026-03-03T09:00:00Z' });
  });

  it('regions: DefectDojo has its schedule region in the value', () => {
    const snapshot = createActor(machineOf(defectdojo)).getSnapshot();
    expectTypeOf(snapshot.value.status).toEqualTypeOf<DefectDojoStatus | typeof NEW_STATE>();
    expectTypeOf(snapshot.value.schedule).toEqualTypeOf<'on_track' | 'overdue'>();
    snapshot.matches({ schedule: 'overdue' });
    // @ts-expect-error not a value of the region
    snapshot.matches({ schedule: 'late' });
  });

  it("the effects action's params are the lifecycle's effect union", () => {
    machineOf(plextrac).provide({
      actions: {
        effects: (_, effects) => {
          for (const effect of effects) {
            if (effect.type === 'create_report') expectTypeOf(effect.clientId).toBeString();
            // @ts-expect-error not a field of the effects
            void effect.titel;
          }
        },
      },
    });
  });

  it('snapshotOf, stateOf and restore keep the state type', () => {
    const state = plextrac.parseState({});
    const snapshot = snapshotOf(plextrac, state);
    expectTypeOf(stateOf(plextrac, snapshot)).toEqualTypeOf<typeof state | null>();
    expectTypeOf(state).toMatchTypeOf<EngagementState<PlextracStatus>>();
    const restored = restore(plextrac, {});
    if (restored.ok) expectTypeOf(restored.snapshot).toEqualTypeOf(snapshot);
  });
});

/**
 * `engagement-lifecycle/machine`: the xstate v5 machine of any lifecycle, in its own entry so that a host that uses
 * only `create`/`apply` never bundles xstate. Every function takes the lifecycle (`machineOf(plextrac)`), and the
 * machine's types are the lifecycle's own: its events, state, status union, regions and effects.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { createActor } from 'xstate';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { machineOf, restore } from 'engagement-lifecycle/machine';
 *
 * const actor = createActor(machineOf(plextrac)).start();
 * actor.send({ type: 'request', id: 'eng-1', at: new Date('2026-03-02T09:00:00Z'), clientId: 'acme', name: 'Web app test', startDate: '2026-04-01' });
 * assert.ok(actor.getSnapshot().matches('Pending'));
 * const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
 * actor.stop();
 *
 * const restored = restore(plextrac, persisted);
 * assert.ok(restored.ok);
 * const again = createActor(machineOf(plextrac), { snapshot: restored.snapshot }).start();
 * again.send({ type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] });
 * assert.equal(again.getSnapshot().context.engagement?.status, 'Scheduled');
 * again.stop();
 * ```
 */
export { NEW_STATE, machineEngine, machineOf, restore, snapshotOf, stateOf } from '../core/index.js';
export type {
  EffectOfLifecycle,
  EventInputOfLifecycle,
  MachineAction,
  MachineContext,
  MachineEngine,
  MachineGuard,
  MachineLifecycle,
  MachineOfLifecycle,
  MachineStateValue,
  RegionsOfLifecycle,
  Restored,
  SnapshotOfLifecycle,
  StateOfLifecycle,
  TypedMachine,
  TypedSnapshot,
} from '../core/index.js';

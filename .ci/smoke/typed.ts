/**
 * Smoke consumer (compiled with strict TypeScript, then run, as ESM and as CommonJS): a typed actor, a persisted
 * and restored snapshot (and a tampered one refused), a typed `deliver` and typed store reads. The
 * `@ts-expect-error` lines prove the types refuse wrong code: if one stops being an error, the compile fails.
 * No top-level await, so the same file is an ES module and a CommonJS one.
 */
import { createActor } from 'xstate';
import { LifecycleError, isEffectType, isLifecycleError, type Effect } from 'engagement-lifecycle';
import { defectdojo, type DefectDojoState } from 'engagement-lifecycle/defectdojo';
import { machineOf, restore } from 'engagement-lifecycle/machine';
import { plextrac, type PlextracState, type PlextracStatus } from 'engagement-lifecycle/plextrac';
import { createEngagements, createMemoryStore, deliver, typedStore } from 'engagement-lifecycle/store';

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`smoke check failed: ${what}`);
}

const request = { type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-04-01' } as const;

function fastEngine(): void {
  const r = plextrac.create(request);
  check(r.ok && r.state.status === 'Pending', 'PlexTrac create');
  const s: PlextracState = r.state;
  const effects: readonly Effect[] = r.effects;
  check(effects.length === 1, 'one status_changed effect');
  const bad = plextrac.apply(s, { type: 'nope', at: '2026-03-02T10:00:00Z' } as never);
  check(!bad.ok && bad.error instanceof LifecycleError && isLifecycleError(bad.error), 'refusals are LifecycleError');
  // @ts-expect-error a calendar date is not an instant
  plextrac.apply(s, { type: 'clock', at: '2026-03-02' });
  const d = defectdojo.create({ type: 'create', id: '1', at: new Date(0), productId: 1, targetStart: '2024-01-01', targetEnd: '2024-01-02' });
  const closed = d.ok ? defectdojo.apply(d.state, { type: 'close', at: '2024-01-02T00:00:00Z' }) : d;
  check(closed.ok, 'DefectDojo close');
  const dd: DefectDojoState = closed.state;
  check(dd.status === 'Completed' && !dd.data.active, 'DefectDojo closed and inactive');
}

function typedActor(): void {
  const reports: string[] = [];
  const machine = machineOf(plextrac).provide({
    actions: {
      effects: (_, effects) => {
        for (const effect of effects) if (effect.type === 'create_report') reports.push(effect.clientId);
      },
    },
  });
  const actor = createActor(machine).start();
  actor.send({ ...request, at: new Date(request.at) });
  actor.send({ type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] });
  // @ts-expect-error a misspelt event
  actor.send({ type: 'aprove', at: '2026-03-03T09:00:00Z' });
  const snapshot = actor.getSnapshot();
  const status: PlextracStatus | undefined = snapshot.context.engagement?.status;
  check(status === 'Scheduled' && snapshot.matches('Scheduled'), 'the actor is Scheduled');
  // @ts-expect-error not a PlexTrac status
  snapshot.matches('Scheduld');
  check(reports.join() === 'acme', 'the effects action received create_report, typed');

  // Persist as JSON, restore it validated, and go on from it.
  const persisted: unknown = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
  actor.stop();
  const restored = restore(plextrac, persisted);
  check(restored.ok, 'a persisted snapshot restores');
  const again = createActor(machine, { snapshot: restored.snapshot }).start();
  again.send({ type: 'cancel', at: '2026-03-04T09:00:00Z' });
  check(again.getSnapshot().context.engagement?.status === 'Canceled', 'the restored actor goes on');
  again.stop();

  // A tampered snapshot (its value says Complete, its context says Scheduled) is refused.
  const tampered = restore(plextrac, { ...(persisted as object), value: 'Complete' });
  check(!tampered.ok && tampered.error.code === 'invalid_input', 'a tampered snapshot is refused with invalid_input');
}

async function typedDelivery(): Promise<void> {
  const store = createMemoryStore();
  const engagements = createEngagements(store, { lifecycles: [plextrac] });
  check((await engagements.create(plextrac, request)).ok, 'stored creation');
  check((await engagements.apply(plextrac, 'eng-1', { type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] })).ok, 'stored approval');

  const typed = typedStore(store, { lifecycles: [plextrac] });
  const stored = await typed.get({ lifecycle: 'plextrac', id: 'eng-1' });
  const storedStatus: PlextracStatus | undefined = stored?.state.status;
  check(storedStatus === 'Scheduled', 'typed get');
  // @ts-expect-error not a PlexTrac status
  void typed.list({ status: 'Pubished' });

  const operators: string[] = [];
  const summary = await deliver(
    store.outbox,
    (effect) => {
      if (isEffectType(effect, 'assign_operators')) operators.push(...effect.operators);
      // @ts-expect-error no PlexTrac effect has `titel`
      void effect.titel;
    },
    { lifecycles: [plextrac] },
  );
  check(summary.failure === null && summary.delivered === 4 && operators.join() === 'ana', 'typed deliver');
}

async function main(): Promise<void> {
  fastEngine();
  typedActor();
  await typedDelivery();
}

main().then(
  () => console.log(`typed consumer ok (${typeof require === 'function' ? 'CommonJS' : 'ESM'})`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

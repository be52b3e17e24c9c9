/**
 * The contract under failure: an atomic step that fails after any number of its writes leaves nothing behind.
 * Each case arms a fault after 0, 1, 2, ... writes and retries the same operation until it goes through, checking
 * after every failure that the store shows exactly what it showed before.
 */
import { sweep, type EngagementKey, type EngagementStore } from '../../store/index.js';
import { ALL, ok, same, snapshot } from './check.js';
import { deletePlan } from './outbox-cases.js';
import { at, changeWrite, openWrite, probeA, probeB, type ProbeState } from './probe.js';
import type { CaseSpec, StoreFaults, StoreUnderTest } from './types.js';

const A = (id: string) => ({ lifecycle: 'probe-a', id });

function needFaults(sut: StoreUnderTest): StoreFaults {
  ok(sut.faults, 'This case needs fault injection: return `faults` ({ arm, disarm }) from the store factory.');
  return sut.faults;
}

/** Arms a fault after k = 0, 1, 2, ... writes until `attempt` goes through; returns that k. */
async function failEverywhere(sut: StoreUnderTest, what: string, attempt: () => Promise<unknown>, check: (k: number) => Promise<void>): Promise<number> {
  const faults = needFaults(sut);
  for (let k = 0; k < 100; k++) {
    faults.arm(k);
    let error: unknown = null;
    try {
      await attempt();
    } catch (e) {
      error = e;
    }
    const fired = faults.disarm();
    if (!fired) {
      ok(error === null, `${what} failed without the fault: ${String(error)}`);
      ok(k > 0, `${what}: the fault armed after 0 writes never fired, so the store's writes are not where the fault is injected`);
      return k;
    }
    ok(error !== null, `${what}: the fault fired after ${k} writes, yet the operation reported success`);
    await check(k);
  }
  throw new Error(`${what} never went through`);
}

/** The whole story of one probe engagement as the store tells it: state, history, its effects in the outbox. */
async function storyOf(store: EngagementStore, key: EngagementKey) {
  const pending = await store.outbox.pending({ limit: ALL });
  return {
    stored: await store.get(key),
    history: await store.audit.history(key),
    effects: pending.filter((p) => p.effect.engagementId === key.id && p.effect.lifecycle === key.lifecycle).map((p) => p.effect.id),
  };
}

/** Checks that a probe engagement is either untouched since `before` or fully moved to Late with its record and effect. */
async function wholeOrUntouched(store: EngagementStore, key: EngagementKey, before: Awaited<ReturnType<typeof storyOf>>, what: string) {
  const now = await storyOf(store, key);
  if (now.stored?.state.version === before.stored?.state.version) {
    same(now, before, `${what}: ${key.lifecycle}/${key.id} kept its version, so nothing else of the change may remain`);
    return false;
  }
  const v = now.stored!.state.version;
  ok(now.stored!.state.status === 'Late', `${what}: ${key.id} changed but is not Late`);
  ok(now.history.length === before.history.length + 1 && now.history.at(-1)?.version === v, `${what}: ${key.id} changed without its audit record`);
  ok(now.effects.includes(`${key.lifecycle}:${key.id}:${v}:late_notice`), `${what}: ${key.id} changed without its effect in the outbox`);
  return true;
}

export const faultCases: readonly CaseSpec[] = [
  {
    name: 'a save that fails half-way (after any of its writes) leaves nothing behind',
    async body(sut) {
      const { store } = sut;
      const v1 = openWrite(probeA, 'e1', { due: 10, asset: 'acme' });
      await store.save(v1);
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'close', at: at(1) });
      const before = await snapshot(store, [A('e1')]);
      await failEverywhere(sut, 'a save', () => store.save(v2), async (k) => {
        same(await snapshot(store, [A('e1')]), before, `a save failing after ${k} writes left something behind`);
      });
      same(await store.get(A('e1')), v2.engagement, 'the save went through in the end');
      same(await store.audit.history(A('e1')), [v1.audit, v2.audit], 'with its audit record');
    },
  },
  {
    name: 'a creation that fails half-way leaves nothing behind',
    async body(sut) {
      const { store } = sut;
      await store.save(openWrite(probeA, 'other', { due: 5 }));
      const w = openWrite(probeA, 'e1', { due: 10, asset: 'acme' });
      const before = await snapshot(store, [A('e1'), A('other')]);
      await failEverywhere(sut, 'a creation', () => store.save(w), async (k) => {
        same(await snapshot(store, [A('e1'), A('other')]), before, `a creation failing after ${k} writes left something behind`);
      });
      same(await store.get(A('e1')), w.engagement, 'the creation went through in the end');
    },
  },
  {
    name: 'a delete plan that fails half-way leaves nothing behind',
    async body(sut) {
      const { store } = sut;
      const e1 = openWrite(probeA, 'e1', { due: 10 });
      await store.save(e1);
      for (const [kind, id] of [['test', 't1'], ['finding', 'f1'], ['risk_acceptance', 'ra1']] as const) {
        await store.records.put({ kind, id, engagement: A('e1'), parent: null, data: {} });
      }
      const plan = deletePlan(e1.engagement.state, { minute: 3, deletes: ['test:t1', 'finding:f1'], unlinks: ['risk_acceptance:ra1'] });
      const refs = [{ kind: 'test', id: 't1' }, { kind: 'finding', id: 'f1' }, { kind: 'risk_acceptance', id: 'ra1' }];
      const full = async () => ({ snap: await snapshot(store, [A('e1')]), records: await Promise.all(refs.map((r) => store.records.get(r))) });
      const before = await full();
      await failEverywhere(sut, 'a delete plan', () => store.executeDelete(plan), async (k) => {
        same(await full(), before, `a delete plan failing after ${k} writes left something behind`);
      });
      ok((await store.get(A('e1'))) === null, 'the plan went through in the end');
    },
  },
  {
    name: 'a claim whose commit fails half-way leaves each claimed engagement whole or untouched',
    async body(sut) {
      const { store } = sut;
      const keys = ['e1', 'e2', 'e3', 'e4'].map(A);
      for (const key of keys) await store.save(openWrite(probeA, key.id, { due: 10 }));
      let before = await Promise.all(keys.map((k) => storyOf(store, k)));
      await failEverywhere(
        sut,
        'a claim',
        () =>
          store.claimDue({ now: at(10), limit: 10 }, (items) =>
            items.map((item) => ({ kind: 'save' as const, write: changeWrite(probeA, item.state as ProbeState, { type: 'tick', at: at(10) }) })),
          ),
        async (k) => {
          for (let i = 0; i < keys.length; i++) await wholeOrUntouched(store, keys[i]!, before[i]!, `a claim failing after ${k} writes`);
          before = await Promise.all(keys.map((key) => storyOf(store, key)));
        },
      );
      for (const key of keys) ok((await store.get(key))?.state.status === 'Late', `${key.id} is Late in the end`);
    },
  },
  {
    name: 'a sweep that fails half-way loses nothing, and the rerun finishes the work without repeating any of it',
    async body(sut) {
      const { store } = sut;
      const faults = needFaults(sut);
      const keys: EngagementKey[] = [];
      for (let i = 0; i < 12; i++) {
        const lifecycle = i % 3 ? probeA : probeB;
        await store.save(openWrite(lifecycle, `s${i}`, { due: i % 4 }));
        keys.push({ lifecycle: lifecycle.id, id: `s${i}` });
      }
      const options = { now: at(5), lifecycles: [probeA, probeB], batchSize: 5 };
      for (const k of [0, 1, 2, 4, 7, 11]) {
        const before = await Promise.all(keys.map((key) => storyOf(store, key)));
        faults.arm(k);
        let failed = false;
        try {
          await sweep(store, options);
        } catch {
          failed = true;
        }
        const fired = faults.disarm();
        ok(fired === failed, `a sweep with a fault after ${k} writes: fired ${fired}, failed ${failed}`);
        for (let i = 0; i < keys.length; i++) await wholeOrUntouched(store, keys[i]!, before[i]!, `a sweep failing after ${k} writes`);
      }
      const rerun = await sweep(store, options);
      ok(rerun.complete && rerun.failed === 0, 'the rerun completes');
      for (const key of keys) {
        const story = await storyOf(store, key);
        ok(story.stored?.state.status === 'Late' && story.stored.state.version === 2, `${key.id} is Late at version 2 after the rerun`);
        same(story.effects.filter((id) => id.endsWith('late_notice')), [`${key.lifecycle}:${key.id}:2:late_notice`], `${key.id} has exactly one late notice`);
      }
      const again = await sweep(store, options);
      ok(again.changed === 0 && again.effects === 0, 'a further run at the same instant changes nothing');
    },
  },
];

/**
 * The sweep over the store under test: what the ports promise, seen from the job that relies on them. Each due
 * engagement changes once, a second run changes nothing, workers share the work without doing any twice, and a
 * settings change is caught up by `reindex`.
 */
import { reindex, sweep, type EngagementKey, type EngagementStore } from '../../store/index.js';
import { ALL, ok, pendingIds, same, snapshot } from './check.js';
import { at, changeWrite, openWrite, probeA, probeB, type Probe } from './probe.js';
import type { CaseSpec } from './types.js';

const lifecycles = [probeA, probeB];

/** 30 engagements: due at minutes 0..29 or never, some Closed; returns the keys that are Open and due by `minute`. */
async function population(store: EngagementStore, minute: number): Promise<{ keys: EngagementKey[]; due: string[] }> {
  const keys: EngagementKey[] = [];
  const due: string[] = [];
  for (let i = 0; i < 30; i++) {
    const lifecycle: Probe = i % 3 === 0 ? probeB : probeA;
    const dueMinute = i % 5 === 4 ? null : i;
    const created = openWrite(lifecycle, `w${i}`, { due: dueMinute, asset: i % 2 ? 'acme' : null });
    await store.save(created);
    if (i % 7 === 6) await store.save(changeWrite(lifecycle, created.engagement.state, { type: 'close', at: at(0) }));
    else if (dueMinute !== null && dueMinute <= minute) due.push(`${lifecycle.id}/w${i}`);
    keys.push({ lifecycle: lifecycle.id, id: `w${i}` });
  }
  return { keys, due: due.sort() };
}

async function lateOnes(store: EngagementStore, keys: readonly EngagementKey[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of keys) if ((await store.get(key))?.state.status === 'Late') out.push(`${key.lifecycle}/${key.id}`);
  return out.sort();
}

async function notices(store: EngagementStore): Promise<string[]> {
  return (await pendingIds(store)).filter((id) => id.endsWith(':late_notice')).sort();
}

export const sweepCases: readonly CaseSpec[] = [
  {
    name: 'a sweep changes every due engagement once; a second run at the same instant changes and emits nothing',
    async body({ store }) {
      const { keys, due } = await population(store, 20);
      const summary = await sweep(store, { now: at(20), lifecycles, batchSize: 4 });
      same(await lateOnes(store, keys), due, 'exactly the due engagements are Late');
      ok(summary.changed === due.length && summary.effects === 2 * due.length && summary.complete, `summary: ${JSON.stringify(summary)}`);
      same(await notices(store), due.map((k) => `${k.replace('/', ':')}:2:late_notice`).sort(), 'one late notice each');
      const before = await snapshot(store, keys);
      const again = await sweep(store, { now: at(20), lifecycles, batchSize: 4 });
      ok(again.changed === 0 && again.effects === 0 && again.claimed === 0, `second run: ${JSON.stringify(again)}`);
      same(await snapshot(store, keys), before, 'the second run changed nothing');
    },
  },
  {
    name: 'a sweep handles only the lifecycles it is given',
    async body({ store }) {
      const { keys, due } = await population(store, 29);
      await sweep(store, { now: at(29), lifecycles: [probeB] });
      same(await lateOnes(store, keys), due.filter((k) => k.startsWith('probe-b/')), 'only probe-b engagements changed');
    },
  },
  {
    name: 'partitioned workers running at once change every due engagement exactly once',
    async body({ store }) {
      const { keys, due } = await population(store, 25);
      const summaries = await Promise.all([0, 1, 2].map((index) => sweep(store, { now: at(25), lifecycles, batchSize: 3, partition: { index, count: 3 } })));
      same(await lateOnes(store, keys), due, 'every due engagement is Late');
      same(await notices(store), due.map((k) => `${k.replace('/', ':')}:2:late_notice`).sort(), 'one late notice each, none twice');
      ok(summaries.reduce((n, s) => n + s.changed, 0) === due.length, 'the workers’ changes add up to the due set');
    },
  },
  {
    name: 'unpartitioned workers running at once never change an engagement twice',
    async body({ store }) {
      const { keys, due } = await population(store, 25);
      const summaries = await Promise.all([0, 1, 2].map(() => sweep(store, { now: at(25), lifecycles, batchSize: 2 })));
      const rerun = await sweep(store, { now: at(25), lifecycles });
      same(await lateOnes(store, keys), due, 'every due engagement is Late once the rerun is done');
      same(await notices(store), due.map((k) => `${k.replace('/', ':')}:2:late_notice`).sort(), 'one late notice each, none twice');
      ok(summaries.reduce((n, s) => n + s.changed, 0) + rerun.changed === due.length, 'changes add up to the due set');
    },
  },
  {
    name: 'after a settings change, early due instants are moved by the sweep and late ones by reindex',
    async body({ store }) {
      const slow = { 'probe-a': { graceMs: 60 * 60_000 } };
      // Saved with no grace: due at minute 10. With an hour of grace, a sweep at minute 20 finds nothing late.
      await store.save(openWrite(probeA, 'early', { due: 10 }));
      const s1 = await sweep(store, { now: at(20), lifecycles: [probeA], settings: slow });
      ok(s1.changed === 0 && s1.rescheduled === 1, `the early due instant was moved: ${JSON.stringify(s1)}`);
      ok((await store.get({ lifecycle: 'probe-a', id: 'early' }))?.dueAt === at(70), 'now due at minute 70');
      // Saved with an hour of grace (due at 70); the grace is then removed: the sweep at 20 cannot know until reindex.
      await store.save(openWrite(probeA, 'late', { due: 10, settings: slow['probe-a'] }));
      ok((await store.get({ lifecycle: 'probe-a', id: 'late' }))?.dueAt === at(70), 'saved with the grace: due at minute 70');
      const s2 = await sweep(store, { now: at(20), lifecycles: [probeA] });
      ok(s2.changed === 0, 'a too-late due instant hides the change from the sweep');
      const r = await reindex(store, { lifecycles: [probeA], batchSize: 1 });
      ok(r.rescheduled === 2 && r.examined === 2, `reindex moved both back to minute 10: ${JSON.stringify(r)}`);
      const s3 = await sweep(store, { now: at(20), lifecycles: [probeA] });
      ok(s3.changed === 2, 'the sweep after reindex makes both Late');
      same((await store.due({ now: at(100_000), limit: ALL })).items, [], 'nothing is due any more');
    },
  },
];

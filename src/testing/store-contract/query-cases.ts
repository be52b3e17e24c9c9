/** The contract of the queries: list filters and pages, the due query at its boundaries, claims and reschedules. */
import { instant, type Instant } from '../../core/index.js';
import {
  keyString,
  partitionOf,
  type DueCursor,
  type DueDecision,
  type EngagementKey,
  type EngagementStore,
  type EngagementWrite,
  type ListQuery,
  type StoredEngagement,
} from '../../store/index.js';
import { ALL, ok, pendingIds, rejects, same, snapshot } from './check.js';
import { at, changeWrite, ms, openWrite, probeA, probeB, type Probe, type ProbeState } from './probe.js';
import type { CaseSpec } from './types.js';

const keyOfItem = (s: StoredEngagement): string => `${s.state.lifecycle}/${s.state.id}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function listAll(store: EngagementStore, query: Omit<ListQuery, 'after' | 'limit'>, limit: number): Promise<StoredEngagement[]> {
  const out: StoredEngagement[] = [];
  let after: EngagementKey | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.list({ ...query, after, limit });
    ok(page.items.length <= limit, `list returned ${page.items.length} items for limit ${limit}`);
    out.push(...page.items);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('list never returned a last page');
}

async function dueAll(store: EngagementStore, now: Instant, extra: { lifecycles?: string[]; partition?: { index: number; count: number } }, limit: number): Promise<StoredEngagement[]> {
  const out: StoredEngagement[] = [];
  let after: DueCursor | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.due({ now, ...extra, after, limit });
    ok(page.items.length <= limit, `due returned ${page.items.length} items for limit ${limit}`);
    out.push(...page.items);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('due never returned a last page');
}

interface Seeded {
  readonly writes: EngagementWrite<ProbeState>[];
}

/** A varied population: two lifecycles, three assets and none, Open, Late and Closed, due instants with ties. */
async function seed(store: EngagementStore): Promise<Seeded> {
  const writes: EngagementWrite<ProbeState>[] = [];
  const assets = ['acme', 'beta', null, 'Acme'];
  for (const [lifecycle, n] of [[probeA, 14], [probeB, 9]] as [Probe, number][]) {
    for (let i = 0; i < n; i++) {
      const id = i % 5 === 0 ? `E-${i}` : `e-${i}`;
      const created = openWrite(lifecycle, id, { asset: assets[i % 4]!, due: i % 7 === 2 ? 10 : 10 + (i % 3) * 10 });
      await store.save(created);
      let last = created;
      if (i % 4 === 1) last = changeWrite(lifecycle, created.engagement.state, { type: 'close', at: at(1) });
      else if (i % 7 === 2) last = changeWrite(lifecycle, created.engagement.state, { type: 'tick', at: at(15) });
      if (last !== created) await store.save(last);
      writes.push(last);
    }
  }
  return { writes };
}

export const queryCases: readonly CaseSpec[] = [
  {
    name: 'list filters by lifecycle, asset, status and active, in (lifecycle, id) order, a page at a time',
    async body({ store }) {
      const { writes } = await seed(store);
      const all = writes.map((w) => w.engagement);
      const filters: Omit<ListQuery, 'after' | 'limit'>[] = [
        {},
        { lifecycle: 'probe-a' },
        { lifecycle: 'probe-b' },
        { asset: 'acme' },
        { asset: 'Acme' },
        { asset: 'nobody' },
        { status: 'Open' },
        { status: ['Late', 'Closed'] },
        { active: false },
        { active: true, lifecycle: 'probe-a' },
        { asset: 'beta', status: 'Open', active: true, lifecycle: 'probe-b' },
        { lifecycle: 'probe-c' },
      ];
      for (const filter of filters) {
        const statuses = filter.status === undefined ? undefined : typeof filter.status === 'string' ? [filter.status] : filter.status;
        const expected = all
          .filter(
            (e) =>
              (filter.lifecycle === undefined || e.state.lifecycle === filter.lifecycle) &&
              (filter.asset === undefined || e.asset === filter.asset) &&
              (statuses === undefined || statuses.includes(e.state.status)) &&
              (filter.active === undefined || e.active === filter.active),
          )
          .sort((x, y) => cmp(keyString(x.state.lifecycle, x.state.id), keyString(y.state.lifecycle, y.state.id)));
        for (const limit of [3, ALL]) {
          same((await listAll(store, filter, limit)).map(keyOfItem), expected.map(keyOfItem), `list ${JSON.stringify(filter)} (pages of ${limit})`);
        }
      }
      same((await listAll(store, { lifecycle: 'probe-a', asset: 'acme' }, 2)), all.filter((e) => e.state.lifecycle === 'probe-a' && e.asset === 'acme').sort((x, y) => cmp(x.state.id, y.state.id)), 'list returns the stored engagements themselves');
    },
  },
  {
    name: 'list and due refuse invalid queries with invalid_input',
    async body({ store }) {
      await rejects(store.list({ limit: 0 }), 'invalid_input', 'list with limit 0');
      await rejects(store.list({ status: 7 } as never), 'invalid_input', 'list with a numeric status');
      await rejects(store.due({ now: 'yesterday' } as never), 'invalid_input', 'due with an invalid instant');
      await rejects(store.due({ now: at(0), partition: { index: 3, count: 3 } }), 'invalid_input', 'due with partition index >= count');
      await rejects(store.due({ now: at(0), limit: 1.5 }), 'invalid_input', 'due with a fractional limit');
    },
  },
  {
    name: 'due includes an engagement due exactly at now and excludes one due a millisecond later',
    async body({ store }) {
      const now = ms(10);
      await store.save(openWrite(probeA, 'before', { dueMs: now - 1 }));
      await store.save(openWrite(probeA, 'exactly', { dueMs: now }));
      await store.save(openWrite(probeA, 'after', { dueMs: now + 1 }));
      await store.save(openWrite(probeA, 'never', {}));
      const iso = (t: number) => instant(new Date(t));
      same((await dueAll(store, iso(now), {}, ALL)).map(keyOfItem), ['probe-a/before', 'probe-a/exactly'], 'due at now');
      same((await dueAll(store, iso(now - 1), {}, ALL)).map(keyOfItem), ['probe-a/before'], 'due a millisecond earlier');
      same((await dueAll(store, iso(now + 1), {}, ALL)).map(keyOfItem), ['probe-a/before', 'probe-a/exactly', 'probe-a/after'], 'due a millisecond later');
      same((await dueAll(store, iso(now - 2), {}, ALL)).map(keyOfItem), [], 'due before everything');
      const item = (await store.due({ now: iso(now), limit: 1 })).items[0];
      same(item, (await store.get({ lifecycle: 'probe-a', id: 'before' })), 'due returns the stored engagement');
    },
  },
  {
    name: 'due pages come in (dueAt, lifecycle, id) order and cover every due engagement exactly once',
    async body({ store }) {
      const { writes } = await seed(store);
      const now = at(20);
      const expected = writes
        .map((w) => w.engagement)
        .filter((e) => e.dueAt !== null && e.dueAt <= now)
        .sort((x, y) => cmp(x.dueAt!, y.dueAt!) || cmp(keyString(x.state.lifecycle, x.state.id), keyString(y.state.lifecycle, y.state.id)));
      ok(expected.length > 5, 'the seed has due engagements');
      for (const limit of [1, 2, 5, ALL]) {
        same((await dueAll(store, now, {}, limit)).map(keyOfItem), expected.map(keyOfItem), `due pages of ${limit}`);
      }
    },
  },
  {
    name: 'due filters by lifecycle, and the partitions of a count split the due engagements exactly by keyHash',
    async body({ store }) {
      for (let i = 0; i < 30; i++) await store.save(openWrite(i % 2 ? probeA : probeB, `p-${i}`, { due: i % 4 }));
      const now = at(5);
      const all = (await dueAll(store, now, {}, ALL)).map(keyOfItem);
      ok(all.length === 30, `all 30 are due (got ${all.length})`);
      same((await dueAll(store, now, { lifecycles: ['probe-b'] }, 4)).map(keyOfItem), all.filter((k) => k.startsWith('probe-b/')), 'lifecycles filter');
      same((await dueAll(store, now, { lifecycles: ['probe-a', 'probe-b'] }, 4)).map(keyOfItem), all, 'both lifecycles');
      for (const count of [1, 3, 4]) {
        const parts: string[] = [];
        for (let index = 0; index < count; index++) {
          for (const item of await dueAll(store, now, { partition: { index, count } }, 4)) {
            ok(partitionOf({ lifecycle: item.state.lifecycle, id: item.state.id }, count) === index, `${keyOfItem(item)} is not in partition ${index} of ${count} (keyHash % count)`);
            parts.push(keyOfItem(item));
          }
        }
        same([...parts].sort(), [...all].sort(), `the ${count} partitions together are the due set, each engagement once`);
      }
    },
  },
  {
    name: 'a save moves the engagement in the due index; a null due instant takes it out',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1', { due: 10 });
      await store.save(v1);
      const dueAt = async (minute: number) => (await dueAll(store, at(minute), {}, ALL)).map(keyOfItem);
      same(await dueAt(10), ['probe-a/e1'], 'due at its instant');
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'move', at: at(1), dueMs: ms(50) });
      await store.save(v2);
      same(await dueAt(10), [], 'no longer due at the old instant');
      same(await dueAt(50), ['probe-a/e1'], 'due at the new instant');
      await store.save(changeWrite(probeA, v2.engagement.state, { type: 'move', at: at(2), dueMs: null }));
      same(await dueAt(100_000), [], 'never due once its due instant is null');
    },
  },
  {
    name: 'reschedule moves the due instant at the expected version only, and writes nothing else',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1', { due: 10 });
      await store.save(v1);
      const key = { lifecycle: 'probe-a', id: 'e1' };
      const before = await snapshot(store, [key]);
      ok((await store.reschedule(key, 2, at(99))) === false, 'reschedule at a version the engagement does not have is false');
      ok((await store.reschedule({ lifecycle: 'probe-a', id: 'nope' }, 1, at(99))) === false, 'reschedule of an unknown engagement is false');
      same(await snapshot(store, [key]), before, 'refused reschedules changed nothing');
      ok((await store.reschedule(key, 1, at(99))) === true, 'reschedule at the stored version is true');
      const got = await store.get(key);
      ok(got?.dueAt === at(99) && got.state.version === 1, 'the due instant moved; the version did not');
      same((await store.due({ now: at(98), limit: ALL })).items, [], 'not due before its new instant');
      same((await store.due({ now: at(99), limit: ALL })).items.map(keyOfItem), ['probe-a/e1'], 'due at its new instant');
      same(await store.audit.history(key), [v1.audit], 'no audit record for a reschedule');
      same(await pendingIds(store), v1.effects.map((e) => e.id), 'no effect for a reschedule');
      ok((await store.reschedule(key, 1, null)) === true, 'reschedule to never');
      same((await store.due({ now: at(100_000), limit: ALL })).items, [], 'never due');
      await rejects(store.reschedule(key, 0, null), 'invalid_input', 'reschedule with version 0');
    },
  },
  {
    name: 'claimDue commits each decision, and a write whose version moved is a conflict outcome',
    async body({ store }) {
      const w = (id: string) => openWrite(probeA, id, { due: 10 });
      const [e1, e2, e3, e4] = [w('e1'), w('e2'), w('e3'), w('e4')];
      for (const x of [e1, e2, e3, e4]) await store.save(x);
      const e4v2 = changeWrite(probeA, e4.engagement.state, { type: 'edit', at: at(1), note: 'moved on' });
      await store.save(e4v2);
      const page = await store.claimDue({ now: at(10), limit: 10 }, (items) => {
        same(items.map(keyOfItem), ['probe-a/e1', 'probe-a/e2', 'probe-a/e3', 'probe-a/e4'], 'claimed items');
        return [
          { kind: 'save', write: changeWrite(probeA, e1.engagement.state, { type: 'tick', at: at(10) }) },
          { kind: 'reschedule', dueAt: at(500) },
          { kind: 'skip' },
          { kind: 'save', write: changeWrite(probeA, e4.engagement.state, { type: 'tick', at: at(10) }) },
        ] satisfies DueDecision[];
      });
      same(page.outcomes, ['saved', 'rescheduled', 'skipped', 'conflict'], 'outcomes, in item order');
      ok(page.next === null, 'a partial page is the last one');
      const get = (id: string) => store.get({ lifecycle: 'probe-a', id });
      ok((await get('e1'))?.state.status === 'Late' && (await get('e1'))?.state.version === 2, 'e1 saved');
      ok((await get('e2'))?.dueAt === at(500) && (await get('e2'))?.state.version === 1, 'e2 rescheduled');
      same(await get('e3'), e3.engagement, 'e3 untouched');
      same(await get('e4'), e4v2.engagement, 'e4 kept the version that moved on');
      same((await pendingIds(store)).filter((id) => id.includes(':2:') || id.includes(':3:')), ['probe-a:e4:2:edited', 'probe-a:e1:2:status_changed', 'probe-a:e1:2:late_notice'], 'only the saved change added effects');
      await rejects(store.claimDue({ now: at(10), limit: 10 }, () => []), 'invalid_input', 'decide must return one decision per item');
      same((await store.due({ now: at(10), limit: 10 })).items.map(keyOfItem), ['probe-a/e3', 'probe-a/e4'], 'a refused claim committed nothing');
    },
  },
  {
    name: 'claimDue commits nothing when decide throws, and releases the claim',
    async body({ store }) {
      for (const id of ['e1', 'e2', 'e3']) await store.save(openWrite(probeA, id, { due: 10 }));
      const keys = ['e1', 'e2', 'e3'].map((id) => ({ lifecycle: 'probe-a', id }));
      const before = await snapshot(store, keys);
      const boom = new Error('decide failed');
      let thrown: unknown;
      try {
        await store.claimDue({ now: at(10), limit: 10 }, (items) => {
          void changeWrite(probeA, items[0]!.state as ProbeState, { type: 'tick', at: at(10) });
          throw boom;
        });
      } catch (error) {
        thrown = error;
      }
      ok(thrown === boom, 'claimDue passes on the error decide threw');
      same(await snapshot(store, keys), before, 'nothing was committed');
      const again = await store.claimDue({ now: at(10), limit: 10 }, (items) => items.map(() => ({ kind: 'skip' as const })));
      ok(again.items.length === 3, 'the engagements can be claimed again');
    },
  },
  {
    name: 'concurrent claims never hand out the same engagement; together they change each due engagement once',
    async body({ store }) {
      const ids = Array.from({ length: 12 }, (_, i) => `c-${i}`);
      for (const id of ids) await store.save(openWrite(probeA, id, { due: 10 }));
      const seen: string[][] = [[], []];
      const claim = (n: number) =>
        store.claimDue({ now: at(10), limit: 100 }, async (items) => {
          await Promise.resolve();
          seen[n]!.push(...items.map(keyOfItem));
          return items.map((item) => ({ kind: 'save' as const, write: changeWrite(probeA, item.state as ProbeState, { type: 'tick', at: at(10) }) }));
        });
      const pages = await Promise.all([claim(0), claim(1)]);
      const overlap = seen[0]!.filter((k) => seen[1]!.includes(k));
      same(overlap, [], 'no engagement was handed to both claims');
      same([...seen[0]!, ...seen[1]!].sort(), ids.map((id) => `probe-a/${id}`).sort(), 'together the claims took every due engagement');
      ok(pages.every((p) => p.outcomes.every((o) => o === 'saved')), 'every claimed change was saved');
      const notices = (await pendingIds(store)).filter((id) => id.endsWith('late_notice'));
      ok(notices.length === 12, `one late notice per engagement (got ${notices.length})`);
    },
  },
];

/** The contract of saving and reading engagements: round trips, keys, versions, concurrent writers, bad input. */
import type { EngagementWrite } from '../../store/index.js';
import { ok, pendingIds, rejects, same, snapshot } from './check.js';
import { changeWrite, openWrite, plain, probeA, probeB } from './probe.js';
import type { CaseSpec } from './types.js';

const A = (id: string) => ({ lifecycle: 'probe-a', id });
const B = (id: string) => ({ lifecycle: 'probe-b', id });

export const engagementCases: readonly CaseSpec[] = [
  {
    name: 'save then get round-trips the state, due instant, asset and active flag',
    async body({ store }) {
      const w = openWrite(probeA, 'e1', { asset: 'acme', due: 60, note: 'first' });
      await store.save(w);
      same(await store.get(A('e1')), w.engagement, 'get returns what was saved');
      const next = changeWrite(probeA, w.engagement.state, { type: 'close', at: '2030-01-01T00:10:00Z' });
      await store.save(next);
      const got = await store.get(A('e1'));
      same(got, next.engagement, 'get returns the latest version');
      ok(got?.active === false && got.dueAt === null, 'a Closed probe is inactive and never due');
    },
  },
  {
    name: 'a plain JSON write (not made by writeOf) round-trips the same way',
    async body({ store }) {
      const w = openWrite(probeA, 'e1', { asset: 'acme', due: 60 });
      await store.save(plain(w));
      same(await store.get(A('e1')), w.engagement, 'get returns the saved engagement');
      same(await pendingIds(store), w.effects.map((e) => e.id), 'its effects are in the outbox');
      same(await store.audit.history(A('e1')), [w.audit], 'its audit record is in the log');
    },
  },
  {
    name: 'get of an unknown engagement is null, and ids are unique per lifecycle, not across lifecycles',
    async body({ store }) {
      ok((await store.get(A('nope'))) === null, 'get of an unknown engagement is null');
      const a = openWrite(probeA, 'same-id', { asset: 'x' });
      const b = openWrite(probeB, 'same-id', { asset: 'y' });
      await store.save(a);
      await store.save(b);
      same(await store.get(A('same-id')), a.engagement, 'probe-a/same-id');
      same(await store.get(B('same-id')), b.engagement, 'probe-b/same-id is another engagement');
    },
  },
  {
    name: 'a creation of an existing engagement is a version_conflict and changes nothing',
    async body({ store }) {
      await store.save(openWrite(probeA, 'e1', { note: 'original' }));
      const before = await snapshot(store, [A('e1')]);
      await rejects(store.save(openWrite(probeA, 'e1', { note: 'impostor', at: 5 })), 'version_conflict', 'a second creation');
      same(await snapshot(store, [A('e1')]), before, 'the refused creation left nothing behind');
    },
  },
  {
    name: 'a save with a stale expected version is a version_conflict and changes nothing (no lost update)',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1');
      await store.save(v1);
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'edit', at: '2030-01-01T00:01:00Z', note: 'second' });
      await store.save(v2);
      const before = await snapshot(store, [A('e1')]);
      const stale = changeWrite(probeA, v1.engagement.state, { type: 'edit', at: '2030-01-01T00:02:00Z', note: 'stale' });
      await rejects(store.save(stale), 'version_conflict', 'a save computed from version 1 when the store holds 2');
      same(await snapshot(store, [A('e1')]), before, 'the stale save left nothing behind');
    },
  },
  {
    name: 'a change to an engagement that does not exist is not_found',
    async body({ store }) {
      const v1 = openWrite(probeA, 'ghost');
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'edit', at: '2030-01-01T00:01:00Z', note: 'x' });
      const before = await snapshot(store, [A('ghost')]);
      await rejects(store.save(v2), 'not_found', 'a change of a never-saved engagement');
      same(await snapshot(store, [A('ghost')]), before, 'nothing was written');
    },
  },
  {
    name: 'two concurrent writers of the same version: exactly one wins, and only its effects and audit record remain',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1');
      await store.save(v1);
      const writes = [1, 2, 3, 4, 5].map((n) => changeWrite(probeA, v1.engagement.state, { type: 'edit', at: '2030-01-01T00:01:00Z', note: `writer ${n}` }));
      const settled = await Promise.allSettled(writes.map((w) => store.save(w)));
      const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
      ok(winners.length === 1, `exactly one of five concurrent writers of version 1 must win; ${winners.length} did`);
      for (const s of settled) {
        if (s.status === 'rejected') await rejects(Promise.reject(s.reason), 'version_conflict', 'a losing writer');
      }
      const winner = writes[winners[0]!]!;
      same(await store.get(A('e1')), winner.engagement, 'the stored engagement is the winner’s');
      same(await store.audit.history(A('e1')), [v1.audit, winner.audit], 'the audit log holds the winner’s record only');
      same(await pendingIds(store), [...v1.effects, ...winner.effects].map((e) => e.id), 'the outbox holds the winner’s effects only');
      const edited = (await store.outbox.pending({ limit: 100 })).filter((e) => e.effect.type === 'edited');
      same(edited.map((e) => e.effect), winner.effects, 'the effect payload is the winner’s');
    },
  },
  {
    name: 'concurrent creations of one engagement: exactly one wins',
    async body({ store }) {
      const writes = [1, 2, 3].map((n) => openWrite(probeA, 'e1', { note: `creator ${n}` }));
      const settled = await Promise.allSettled(writes.map((w) => store.save(w)));
      const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
      ok(winners.length === 1, `exactly one of three concurrent creations must win; ${winners.length} did`);
      same(await store.get(A('e1')), writes[winners[0]!]!.engagement, 'the stored engagement is the winner’s');
      ok((await store.audit.history(A('e1'))).length === 1, 'one audit record');
    },
  },
  {
    name: 'invalid writes are refused with invalid_input and change nothing',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1');
      await store.save(v1);
      const before = await snapshot(store, [A('e1')]);
      const v2 = plain(changeWrite(probeA, v1.engagement.state, { type: 'edit', at: '2030-01-01T00:01:00Z', note: 'x' }));
      const bad: [string, unknown][] = [
        ['a version that is not expectedVersion + 1', { ...v2, engagement: { ...v2.engagement, state: { ...v2.engagement.state, version: 3 } } }],
        ['an audit record of another version', { ...v2, audit: { ...v2.audit, version: 7 } }],
        ['an effect of another engagement', { ...v2, effects: [{ ...v2.effects[0]!, engagementId: 'other' }] }],
        ['an effect stamped for another version', { ...v2, effects: [{ ...v2.effects[0]!, id: 'probe-a:e1:1:edited', version: 1 }] }],
        ['two effects with one id', { ...v2, effects: [v2.effects[0]!, v2.effects[0]!] }],
        ['a missing state', { ...v2, engagement: { ...v2.engagement, state: undefined } }],
        ['a due instant that is not an instant', { ...v2, engagement: { ...v2.engagement, dueAt: '2030-01-01' } }],
        ['data that is not plain data', { ...v2, engagement: { ...v2.engagement, state: { ...v2.engagement.state, data: { f: () => 1 } } } }],
        ['not an object', 'write'],
      ];
      for (const [what, write] of bad) await rejects(store.save(write as EngagementWrite), 'invalid_input', `a write with ${what}`);
      same(await snapshot(store, [A('e1')]), before, 'the refused writes left nothing behind');
    },
  },
  {
    name: 'the store keeps copies: changing the saved input or a returned value afterwards changes nothing stored',
    async body({ store }) {
      const w = plain(openWrite(probeA, 'e1', { asset: 'acme', note: 'kept' }));
      await store.save(w);
      (w.engagement.state.data as { note: string }).note = 'changed by the caller';
      (w.effects as unknown[]).length = 0;
      const got = await store.get(A('e1'));
      try {
        (got!.state.data as { note: string }).note = 'changed through get';
      } catch {
        // a frozen value refuses the change: fine
      }
      same((await store.get(A('e1')))?.state.data, { asset: 'acme', dueMs: null, note: 'kept' }, 'the stored data');
      ok((await pendingIds(store)).length === 2, 'the stored effects');
    },
  },
];

/** The contract of the outbox, the audit log, related records and delete plans. */
import type { DeletePlan, Effect } from '../../core/index.js';
import { statusAt, type EngagementStore, type RelatedRecord } from '../../store/index.js';
import { ALL, ok, pendingIds, rejects, same, snapshot } from './check.js';
import { at, changeWrite, openWrite, probeA, type ProbeState } from './probe.js';
import type { CaseSpec } from './types.js';

const A = (id: string) => ({ lifecycle: 'probe-a', id });

/** A delete plan for a probe engagement, with one effect. */
export function deletePlan(state: ProbeState, options: { minute: number; deletes?: string[]; unlinks?: string[]; version?: number }): DeletePlan {
  const version = options.version ?? state.version;
  const effect: Effect = {
    id: `${state.lifecycle}:${state.id}:${version + 1}:engagement_deleted`,
    type: 'engagement_deleted',
    lifecycle: state.lifecycle,
    engagementId: state.id,
    version: version + 1,
    at: at(options.minute),
  };
  const item = (ref: string) => {
    const [kind, id] = ref.split(':') as [string, string];
    return { kind, id };
  };
  return {
    type: 'delete',
    lifecycle: state.lifecycle,
    engagementId: state.id,
    expectedVersion: version,
    at: at(options.minute),
    actor: 'dana',
    deletes: (options.deletes ?? []).map(item),
    unlinks: (options.unlinks ?? []).map(item),
    effects: [effect],
  };
}

const record = (kind: string, id: string, engagement: string | null, parent?: string): RelatedRecord => ({
  kind,
  id,
  engagement: engagement === null ? null : A(engagement),
  parent: parent ? { kind: parent.split(':')[0]!, id: parent.split(':')[1]! } : null,
  data: { title: `${kind} ${id}`, tags: ['x'] },
});

/** e1 with a test, a finding under it, a note and a risk acceptance; e2 with a note. */
async function withRecords(store: EngagementStore) {
  const e1 = openWrite(probeA, 'e1', { due: 10 });
  const e2 = openWrite(probeA, 'e2', { due: 10 });
  await store.save(e1);
  await store.save(e2);
  const records = [
    record('test', 't1', 'e1'),
    record('finding', 'f1', 'e1', 'test:t1'),
    record('note', 'n1', 'e1'),
    record('risk_acceptance', 'ra1', 'e1'),
    record('note', 'n2', 'e2'),
  ];
  for (const r of records) await store.records.put(r);
  return { e1, e2, records };
}

export const outboxCases: readonly CaseSpec[] = [
  {
    name: 'a save puts its effects into the outbox in the same step, in commit order and emission order',
    async body({ store }) {
      const e1 = openWrite(probeA, 'e1');
      const e2 = openWrite(probeA, 'e2');
      await store.save(e1);
      await store.save(e2);
      const closed = changeWrite(probeA, e1.engagement.state, { type: 'close', at: at(1) });
      await store.save(closed);
      const pending = await store.outbox.pending({ limit: ALL });
      same(pending.map((p) => p.effect), [...e1.effects, ...e2.effects, ...closed.effects], 'pending effects, in order, as saved');
      ok(closed.effects.length === 2, 'the close emits status_changed and closed');
      ok(pending.every((p, i) => i === 0 || p.sequence > pending[i - 1]!.sequence), 'sequences grow in commit order');
    },
  },
  {
    name: 'effects are handed out again and again until marked delivered (at least once); marking is idempotent',
    async body({ store }) {
      for (const id of ['e1', 'e2', 'e3']) await store.save(openWrite(probeA, id));
      const ids = await pendingIds(store);
      ok(ids.length === 6, 'six effects pending (status_changed and opened for each)');
      same(await pendingIds(store), ids, 'reading pending again hands out the same effects');
      const rest = ids.filter((_, i) => i !== 1);
      await store.outbox.markDelivered([ids[1]!]);
      same(await pendingIds(store), rest, 'a delivered effect is no longer handed out');
      await store.outbox.markDelivered([ids[1]!, 'unknown-id']);
      same(await pendingIds(store), rest, 'marking again, or an unknown id, changes nothing');
      await store.outbox.markDelivered(rest);
      same(await pendingIds(store), [], 'all delivered');
      await rejects(store.outbox.markDelivered('e1' as never), 'invalid_input', 'markDelivered of a non-array');
    },
  },
  {
    name: 'pending pages with `after` cover the undelivered effects in order, each once',
    async body({ store }) {
      for (let i = 0; i < 7; i++) await store.save(openWrite(probeA, `e${i}`));
      const all = await store.outbox.pending({ limit: ALL });
      const paged = [];
      let after = 0;
      for (;;) {
        const page = await store.outbox.pending({ after, limit: 3 });
        ok(page.length <= 3, 'a page holds at most limit entries');
        if (page.length === 0) break;
        paged.push(...page);
        after = page[page.length - 1]!.sequence;
      }
      same(paged, all, 'pages cover the outbox in order');
      await rejects(store.outbox.pending({ limit: -1 }), 'invalid_input', 'pending with a negative limit');
    },
  },
  {
    name: 'the id of a deleted engagement cannot be reused (its effect ids would repeat, delivered or not): invalid_input',
    async body({ store }) {
      for (const [id, deliver] of [['e1', false], ['e2', true]] as const) {
        const created = openWrite(probeA, id);
        await store.save(created);
        if (deliver) await store.outbox.markDelivered(created.effects.map((e) => e.id));
        await store.executeDelete(deletePlan(created.engagement.state, { minute: 1 }));
        const before = await snapshot(store, [A(id)]);
        await rejects(store.save(openWrite(probeA, id, { at: 2 })), 'invalid_input', `re-creating deleted ${id}, whose effect ids would repeat`);
        same(await snapshot(store, [A(id)]), before, 'the refused creation left nothing behind');
      }
    },
  },
  {
    name: 'every applied change appends one audit record, in order, kept after deletion',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1');
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'edit', at: at(1), note: 'n', actor: 'alice', reason: 'typo' });
      const v3 = changeWrite(probeA, v2.engagement.state, { type: 'close', at: at(2), actor: 'bob' });
      for (const w of [v1, v2, v3]) await store.save(w);
      await store.save(openWrite(probeA, 'other'));
      same(await store.audit.history(A('e1')), [v1.audit, v2.audit, v3.audit], 'history of e1');
      same(v2.audit, { lifecycle: 'probe-a', engagementId: 'e1', version: 2, from: 'Open', to: 'Open', event: 'edit', actor: 'alice', reason: 'typo', at: at(1) }, 'an audit record (as writeOf builds it)');
      await store.executeDelete(deletePlan(v3.engagement.state, { minute: 3 }));
      const history = await store.audit.history(A('e1'));
      same(history.slice(0, 3), [v1.audit, v2.audit, v3.audit], 'history survives deletion');
      same(history[3], { lifecycle: 'probe-a', engagementId: 'e1', version: 4, from: 'Closed', to: null, event: 'delete', actor: 'dana', reason: null, at: at(3) }, 'the delete record');
      same(await store.audit.history(A('nope')), [], 'no history for an unknown engagement');
      ok((await store.audit.history(A('other'))).length === 1, 'other engagements keep their own history');
    },
  },
  {
    name: 'the status at any past instant replays from the audit log',
    async body({ store }) {
      const v1 = openWrite(probeA, 'e1', { at: 10 });
      const v2 = changeWrite(probeA, v1.engagement.state, { type: 'close', at: at(20) });
      await store.save(v1);
      await store.save(v2);
      await store.executeDelete(deletePlan(v2.engagement.state, { minute: 30 }));
      const key = A('e1');
      const expected: [number, string | null][] = [[9, null], [10, 'Open'], [15, 'Open'], [20, 'Closed'], [29, 'Closed'], [30, null], [99, null]];
      for (const [minute, status] of expected) same(await statusAt(store.audit, key, at(minute)), status, `status at minute ${minute}`);
    },
  },
  {
    name: 'related records round-trip, replace, and are listed per engagement in (kind, id) order',
    async body({ store }) {
      const { records } = await withRecords(store);
      same(await store.records.get({ kind: 'finding', id: 'f1' }), records[1], 'get returns the record');
      ok((await store.records.get({ kind: 'finding', id: 'nope' })) === null, 'an unknown record is null');
      same((await store.records.of(A('e1'))).map((r) => `${r.kind}:${r.id}`), ['finding:f1', 'note:n1', 'risk_acceptance:ra1', 'test:t1'], 'records of e1');
      await store.records.put({ ...records[2]!, engagement: A('e2'), data: { title: 'moved' } });
      same((await store.records.of(A('e2'))).map((r) => `${r.kind}:${r.id}`), ['note:n1', 'note:n2'], 'a replaced record moves with its link');
      same((await store.records.get({ kind: 'note', id: 'n1' }))?.data, { title: 'moved' }, 'the replaced data');
      await rejects(store.records.put({ kind: '', id: 'x' } as never), 'invalid_input', 'an invalid record');
    },
  },
  {
    name: 'a delete plan removes the engagement and its deleted records, unlinks the others, stores its effects and a delete audit record',
    async body({ store }) {
      const { e1 } = await withRecords(store);
      const otherBefore = await snapshot(store, [A('e2')]);
      const plan = deletePlan(e1.engagement.state, { minute: 5, deletes: ['test:t1', 'finding:f1', 'note:n1', 'note:missing'], unlinks: ['risk_acceptance:ra1'] });
      same(await store.executeDelete(plan), { deleted: 3, unlinked: 1 }, 'the outcome counts what existed');
      ok((await store.get(A('e1'))) === null, 'the engagement is gone');
      for (const ref of [{ kind: 'test', id: 't1' }, { kind: 'finding', id: 'f1' }, { kind: 'note', id: 'n1' }]) {
        ok((await store.records.get(ref)) === null, `${ref.kind} ${ref.id} is deleted`);
      }
      const ra = await store.records.get({ kind: 'risk_acceptance', id: 'ra1' });
      ok(ra !== null && ra.engagement === null, 'the risk acceptance stays, unlinked');
      same(await store.records.of(A('e1')), [], 'nothing is linked to the deleted engagement');
      ok((await pendingIds(store)).includes('probe-a:e1:2:engagement_deleted'), "the plan's effect is in the outbox");
      ok((await store.audit.history(A('e1'))).at(-1)?.event === 'delete', 'a delete audit record');
      same((await store.due({ now: at(100), limit: ALL })).items.map((i) => i.state.id), ['e2'], 'the deleted engagement is no longer due');
      same((await store.list()).items.map((i) => i.state.id), ['e2'], 'nor listed');
      const otherAfter = (await snapshot(store, [A('e2')])) as { per: unknown };
      same(otherAfter.per, (otherBefore as { per: unknown }).per, 'the other engagement is untouched');
    },
  },
  {
    name: 'a delete plan at a stale version, of an unknown engagement, or invalid, is refused and changes nothing',
    async body({ store }) {
      const { e1 } = await withRecords(store);
      const v2 = changeWrite(probeA, e1.engagement.state, { type: 'edit', at: at(1), note: 'moved on' });
      await store.save(v2);
      const keys = [A('e1'), A('e2')];
      const before = await snapshot(store, keys);
      await rejects(store.executeDelete(deletePlan(e1.engagement.state, { minute: 5, deletes: ['test:t1'] })), 'version_conflict', 'a plan computed from version 1');
      await rejects(store.executeDelete({ ...deletePlan(e1.engagement.state, { minute: 5, version: 2 }), engagementId: 'nope', effects: [] }), 'not_found', 'a plan for an unknown engagement');
      await rejects(store.executeDelete({ ...deletePlan(v2.engagement.state, { minute: 5 }), type: 'purge' } as never), 'invalid_input', 'an invalid plan');
      same(await snapshot(store, keys), before, 'the refused plans left nothing behind');
    },
  },
];

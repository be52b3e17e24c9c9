/**
 * The contract of tenancy: a tenant's store sees and changes its own engagements, outbox, audit log and records
 * only, even when another tenant uses the very same ids; and `dueTenants` names exactly the tenants with due work.
 */
import { createTenantEngagements, sweep, type EngagementStore, type TenantedStore } from '../../store/index.js';
import { ALL, FAR_FUTURE, ok, pendingIds, rejects, same, snapshot } from './check.js';
import { deletePlan } from './outbox-cases.js';
import { at, changeWrite, ms, openWrite, probeA, probeB, type ProbeState } from './probe.js';
import { tenantIsolationProperty } from './tenancy-property.js';
import type { CaseSpec } from './types.js';

const A = (id: string) => ({ lifecycle: 'probe-a', id });
const KEYS = [A('e1'), A('e2')];

/** Saves the same two engagements (same ids, different notes and assets) in a tenant. */
async function seed(store: EngagementStore, note: string): Promise<ProbeState[]> {
  const e1 = openWrite(probeA, 'e1', { asset: `${note}-asset`, due: 10, note });
  const e2 = openWrite(probeA, 'e2', { asset: `${note}-asset`, due: 20, note });
  await store.save(e1);
  await store.save(e2);
  await store.records.put({ kind: 'note', id: 'n1', engagement: A('e1'), parent: null, data: { note } });
  return [e1.engagement.state, e2.engagement.state];
}

/** Runs `op` on one tenant and checks that the other tenants' views did not move. */
async function leavesOthersAlone(store: TenantedStore, others: readonly string[], what: string, op: () => Promise<unknown>): Promise<void> {
  const before = await Promise.all(others.map((t) => snapshot(store.tenant(t), KEYS)));
  await op();
  const after = await Promise.all(others.map((t) => snapshot(store.tenant(t), KEYS)));
  same(after, before, `${what} in one tenant changed another tenant's engagements, outbox, audit log or records`);
}

export const tenancyCases: readonly CaseSpec[] = [
  {
    name: 'the same ids in two tenants are two engagements; reads return the own tenant\'s only',
    async body({ store }) {
      const [a1] = await seed(store.tenant('acme'), 'acme');
      await seed(store.tenant('globex'), 'globex');
      same((await store.tenant('acme').get(A('e1')))?.state, a1, 'get returns the own tenant\'s engagement');
      ok((await store.get(A('e1'))) === null, 'the default tenant sees neither');
      const listed = (await store.tenant('globex').list({ limit: ALL })).items;
      same(listed.map((e) => (e.state.data as { note: string }).note), ['globex', 'globex'], 'list returns the own tenant\'s engagements');
      same((await store.tenant('acme').list({ asset: 'globex-asset' })).items, [], 'an asset filter does not reach another tenant');
      const due = (await store.tenant('acme').due({ now: FAR_FUTURE, limit: ALL })).items;
      same(due.map((e) => e.asset), ['acme-asset', 'acme-asset'], 'due returns the own tenant\'s engagements');
      same(((await store.tenant('globex').records.get({ kind: 'note', id: 'n1' }))?.data as { note: string }).note, 'globex', 'records are per tenant');
      same((await store.tenant('acme').audit.history(A('e1'))).length, 1, 'the audit log is per tenant');
      const own = [openWrite(probeA, 'e1'), openWrite(probeA, 'e2')].flatMap((w) => w.effects.map((e) => e.id));
      same(await pendingIds(store.tenant('acme')), own, 'the outbox is per tenant');
      await store.tenant('acme').outbox.markDelivered(own);
      same(await pendingIds(store.tenant('globex')), own, 'delivering acme\'s effects leaves globex\'s (same ids) pending');
    },
  },
  {
    name: 'writes, claims, deliveries and deletes of one tenant leave every other tenant as it was',
    async body({ store }) {
      const [a1, a2] = await seed(store.tenant('acme'), 'acme');
      await seed(store.tenant('globex'), 'globex');
      await seed(store, 'default');
      const acme = store.tenant('acme');
      const others = ['globex', 'default'];
      await leavesOthersAlone(store, others, 'a save', () => acme.save(changeWrite(probeA, a1!, { type: 'edit', at: at(1), note: 'x' })));
      await leavesOthersAlone(store, others, 'a reschedule', () => acme.reschedule(A('e2'), a2!.version, at(500)));
      await leavesOthersAlone(store, others, 'a sweep', () => sweep(acme, { lifecycles: [probeA], now: at(1000) }));
      await leavesOthersAlone(store, others, 'a delivery', async () => acme.outbox.markDelivered(await pendingIds(acme)));
      const current = (await acme.get(A('e2')))!.state as ProbeState;
      await leavesOthersAlone(store, others, 'a delete plan', () => acme.executeDelete(deletePlan(current, { minute: 2000, deletes: ['note:n1'] })));
      ok((await acme.get(A('e2'))) === null && (await store.tenant('globex').get(A('e2'))) !== null, 'only acme\'s e2 is gone');
    },
  },
  {
    name: 'versions, effect ids and deleted ids are per tenant: another tenant\'s history refuses nothing',
    async body({ store }) {
      const [a1] = await seed(store.tenant('acme'), 'acme');
      await store.tenant('acme').executeDelete(deletePlan(a1!, { minute: 5 }));
      // acme may not reuse e1 (its old effect ids), but globex never had an e1: its creation is fine.
      await rejects(store.tenant('acme').save(openWrite(probeA, 'e1', { at: 6 })), 'invalid_input', 'reusing a deleted id in its tenant');
      await store.tenant('globex').save(openWrite(probeA, 'e1', { at: 6 }));
      same(
        (await store.tenant('globex').outbox.pending({ limit: ALL })).map((e) => e.effect.id),
        openWrite(probeA, 'e1', { at: 6 }).effects.map((e) => e.id),
        'globex\'s outbox holds its own creation\'s effects, although acme once had the same ids',
      );
    },
  },
  {
    name: 'dueTenants names the tenants with engagements due at now, in order, a page at a time, by lifecycle',
    async body({ store }) {
      await store.tenant('t3').save(openWrite(probeA, 'e', { due: 10 }));
      await store.tenant('t1').save(openWrite(probeA, 'e', { due: 30 }));
      await store.tenant('t2').save(openWrite(probeB, 'e', { due: 10 }));
      await store.tenant('t4').save(openWrite(probeA, 'e', { due: null }));
      same((await store.dueTenants({ now: at(10) })).items, ['t2', 't3'], 'due at 10: t2 (probe-b) and t3');
      same((await store.dueTenants({ now: at(30), lifecycles: ['probe-a'] })).items, ['t1', 't3'], 'probe-a only');
      const first = await store.dueTenants({ now: at(30), limit: 2 });
      same(first, { items: ['t1', 't2'], next: 't2' }, 'the first page of two');
      same(await store.dueTenants({ now: at(30), after: first.next, limit: 2 }), { items: ['t3'], next: null }, 'the last page');
      same((await store.dueTenants({ now: at(9) })).items, [], 'nothing due yet');
    },
  },
  {
    name: 'a tenant id must be a non-empty string: anything else is invalid_input',
    async body({ store }) {
      for (const bad of ['', 42, null, 'x'.repeat(201)]) {
        let code: string | undefined;
        try {
          store.tenant(bad as string);
        } catch (error) {
          code = (error as { code?: string }).code;
        }
        ok(code === 'invalid_input', `tenant(${JSON.stringify(bad)}) must throw invalid_input`);
      }
      await rejects(store.dueTenants({ now: 'yesterday' as never }), 'invalid_input', 'a due-tenants query with an invalid instant');
    },
  },
  {
    name: 'a settings change reindexes that tenant\'s due instants and nobody else\'s',
    async body({ store }) {
      const grace: Record<string, number> = { acme: 0, globex: 0 };
      const tenants = createTenantEngagements(store, { lifecycles: [probeA], settings: (t) => ({ 'probe-a': { graceMs: grace[t] ?? 0 } }) });
      for (const t of ['acme', 'globex']) {
        const e = await tenants.tenant(t);
        const r = await e.create(probeA, { type: 'open', id: 'e1', at: at(0), dueMs: ms(60) });
        ok(r.ok, `creation in ${t}`);
      }
      grace.acme = 30 * 60_000;
      const globexBefore = await snapshot(store.tenant('globex'), KEYS);
      const summary = await tenants.settingsChanged('acme');
      ok(summary.examined === 1 && summary.rescheduled === 1, 'one acme engagement examined and moved');
      same((await store.tenant('acme').get(A('e1')))?.dueAt, at(90), 'acme\'s due instant follows its new grace');
      same(await snapshot(store.tenant('globex'), KEYS), globexBefore, 'globex was not touched');
      const swept = await tenants.sweep({ now: at(60) });
      ok(swept.tenants === 1 && swept.changed === 1, 'at 60 only globex\'s engagement is late');
    },
  },
  tenantIsolationProperty,
];

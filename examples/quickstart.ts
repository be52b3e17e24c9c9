/**
 * Quickstart: PlexTrac and DefectDojo engagements kept in the in-memory store. Commands go through the store
 * (read, apply, save with the version read); an hourly sweep applies every lifecycle's time rules (PlexTrac's start
 * date; DefectDojo's upcoming, stale, overdue and auto-close); every change puts its effects into the outbox
 * (delivered here by printing them) and a record into the audit log, from which any past status can be replayed.
 * Time is passed in; nothing here reads the clock.
 *
 * Run it: npm run quickstart
 */
import type { Effect, InstantInput } from 'engagement-lifecycle';
import { plextrac } from 'engagement-lifecycle/plextrac';
import { defectdojo } from 'engagement-lifecycle/defectdojo';
import {
  createEngagements,
  createMemoryStore,
  deliver,
  statusAt,
  type EventInputOf,
  type LifecycleSet,
} from 'engagement-lifecycle/store';

const store = createMemoryStore();

// The lifecycles this store holds and the tenant's settings for each: commands and sweeps use the same, so every
// engagement's next due instant is computed alike. Days start at 00:00 in New York; DefectDojo auto-closes an
// In Progress engagement 3 days after its end date.
const lifecycles: LifecycleSet = {
  lifecycles: [plextrac, defectdojo],
  settings: {
    plextrac: { timeZone: 'America/New_York' },
    defectdojo: { timeZone: 'America/New_York', autoClose: { enabled: true, days: 3 } },
  },
};
const engagements = createEngagements(store, lifecycles);
type Lifecycle = typeof plextrac | typeof defectdojo;

/** Delivers what is in the outbox by printing it; a real host would call webhooks, Jira, mail. */
async function deliverEffects(): Promise<void> {
  await deliver(store.outbox, (effect: Effect) => {
    const { id, type, lifecycle: _l, engagementId, version, at: _at, ...payload } = effect;
    const fields = Object.entries(payload).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    console.log(`    effect ${type.padEnd(16)} ${engagementId} v${version} ${fields}   (id ${id})`);
  });
}

async function create<L extends Lifecycle>(lifecycle: L, event: EventInputOf<L>): Promise<void> {
  const r = await engagements.create(lifecycle, event);
  if (!r.ok) throw r.error;
  console.log(`${r.state.id}: ${r.event.type} at ${r.event.at} → ${r.state.status} (v${r.state.version})`);
  await deliverEffects();
}

async function apply<L extends Lifecycle>(lifecycle: L, id: string, event: EventInputOf<L>): Promise<void> {
  const before = await engagements.get(lifecycle, id);
  const r = await engagements.apply(lifecycle, id, event);
  if (!r.ok) {
    console.log(`${id}: ${event.type} at ${String(event.at)} refused [${r.error.code}]: ${r.error.message}`);
    return;
  }
  const from = before?.state.status;
  const arrow = r.state.status === from ? `stays ${from}` : `${from} → ${r.state.status}`;
  console.log(`${id}: ${event.type} at ${r.event.at}: ${arrow}${r.changed ? ` (v${r.state.version})` : ' (nothing changed)'}`);
  await deliverEffects();
}

/** What the hourly job does: one sweep at the hour it runs, then delivery. */
async function hourly(now: InstantInput, note: string): Promise<void> {
  const s = await engagements.sweep({ now });
  console.log(`sweep at ${s.now}: ${s.claimed} due, ${s.changed} changed, ${s.effects} ${s.effects === 1 ? 'effect' : 'effects'}   — ${note}`);
  await deliverEffects();
}

console.log('PlexTrac and DefectDojo engagements on the in-memory store, tenant time zone America/New_York\n');

// A requested pentest and an engagement scheduled directly (PlexTrac), and a DefectDojo engagement whose Jira
// project maps engagements to epics.
await create(plextrac, { type: 'request', id: 'eng-web', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Acme web app pentest', startDate: '2026-03-09', actor: 'dana' });
await create(plextrac, { type: 'schedule', id: 'eng-ext', at: '2026-03-02T14:05:00Z', clientId: 'acme', name: 'External network test', startDate: '2026-04-01', operators: ['carol'] });
await create(defectdojo, {
  type: 'create', id: 'dd-api', at: '2026-03-02T15:00:00Z', productId: 139, productName: 'Payments API', name: 'Payments API pentest',
  targetStart: '2026-03-09', targetEnd: '2026-03-20', lead: 7,
  jira: { project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-42' } },
});
await apply(plextrac, 'eng-web', { type: 'approve', at: '2026-03-03T09:30:00Z', actor: 'erin', operators: ['alice', 'bob'] });

// The hourly sweep. At 23:00 on March 8 in New York, dd-api starts within 3 days: upcoming_engagement. At 00:00 on
// March 9, eng-web's start date is reached. A rerun of the same hour changes nothing.
await hourly('2026-03-09T03:00:00Z', '23:00 on March 8 in New York');
await hourly('2026-03-09T04:00:00Z', '00:00 on March 9 in New York, EDT since March 8');
await hourly('2026-03-09T04:00:00Z', 'the same hour again: a rerun changes nothing');

// DefectDojo: adding a test starts the engagement; closing it closes the Jira epic; reopening it notifies.
await apply(defectdojo, 'dd-api', { type: 'add_test', at: '2026-03-09T14:00:00Z', testId: 501 });
await apply(plextrac, 'eng-ext', { type: 'reschedule', at: '2026-03-10T12:00:00Z', startDate: '2026-04-15' });
await apply(plextrac, 'eng-ext', { type: 'cancel', at: '2026-03-12T12:00:00Z', actor: 'dana', reason: 'budget cut' });
await apply(defectdojo, 'dd-api', { type: 'close', at: '2026-03-13T17:00:00Z', actor: 'frank' });
await apply(defectdojo, 'dd-api', { type: 'reopen', at: '2026-03-16T09:00:00Z', actor: 'frank', reason: 'retest requested' });

// eng-web's report goes through review, while dd-api runs past its end date (March 20): on March 21 it is stale
// and overdue, and on March 23 (end + 3 days) it auto-closes.
await apply(plextrac, 'eng-web', { type: 'report_status_changed', at: '2026-03-20T16:00:00Z', reportStatus: 'Ready For Review' });
await hourly('2026-03-21T04:00:00Z', 'dd-api is one day past its end date');
await hourly('2026-03-23T04:00:00Z', 'dd-api is three days past its end date: auto-close');
await apply(plextrac, 'eng-web', { type: 'report_status_changed', at: '2026-03-23T10:00:00Z', reportStatus: 'Approved' });
await apply(plextrac, 'eng-web', { type: 'report_status_changed', at: '2026-03-24T10:00:00Z', reportStatus: 'Published' });

// eng-ext's start date comes, but a cancelled engagement is never due; a command on it is refused.
await hourly('2026-04-15T04:00:00Z', "eng-ext's start date; it was cancelled");
await apply(plextrac, 'eng-ext', { type: 'reschedule', at: '2026-04-16T12:00:00Z', startDate: '2026-05-01' });

for (const key of [{ lifecycle: 'plextrac', id: 'eng-web' }, { lifecycle: 'defectdojo', id: 'dd-api' }]) {
  console.log(`\nAudit trail of ${key.id}:`);
  for (const r of await store.audit.history(key)) {
    console.log(`  v${r.version} ${r.at}  ${r.event.padEnd(22)} ${(r.from ?? '(new)').padStart(11)} → ${String(r.to).padEnd(12)}${r.actor ? ` by ${r.actor}` : ''}${r.reason ? ` (${r.reason})` : ''}`.trimEnd());
  }
}

console.log('Status of eng-web replayed from the audit log:');
for (const at of ['2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z', '2026-03-21T00:00:00Z', '2026-04-01T00:00:00Z'] as const) {
  console.log(`  at ${at}: ${(await statusAt(store.audit, { lifecycle: 'plextrac', id: 'eng-web' }, at)) ?? '(did not exist)'}`);
}

const web = await engagements.get(plextrac, 'eng-web');
const api = await engagements.get(defectdojo, 'dd-api');
console.log(`\nFinal: eng-web is ${web?.state.status} at version ${web?.state.version}; dd-api is ${api?.state.status} (active: ${api?.state.data.active}); ${(await store.outbox.pending()).length} effects left undelivered`);

/**
 * Quickstart: PlexTrac engagements driven through their life. Every command returns the next state and the
 * effects the host must carry out (create the report, assign operators, notify on status changes), or a typed
 * error. Time is passed in; nothing here reads the clock.
 *
 * Run it: npm run quickstart
 */
import { plextrac, type PlextracEventInput, type PlextracState } from 'engagement-lifecycle/plextrac';
import type { Effect } from 'engagement-lifecycle';

// The tenant's settings: start dates are reached at 00:00 in New York.
const engine = plextrac.with({ settings: { timeZone: 'America/New_York' } });

function show(effects: readonly Effect[]): void {
  for (const effect of effects) {
    const { id, type, at, ...rest } = effect;
    const payload = Object.entries(rest)
      .filter(([k]) => !['lifecycle', 'engagementId', 'version'].includes(k))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    console.log(`    effect ${type.padEnd(16)} ${payload}   (id ${id})`);
  }
}

function drive(first: PlextracEventInput, events: readonly PlextracEventInput[]): PlextracState {
  const created = engine.create(first);
  if (!created.ok) throw created.error;
  let state = created.state;
  console.log(`\n${state.id}: ${first.type} at ${created.event.at} → ${state.status}`);
  show(created.effects);
  for (const event of events) {
    const result = engine.apply(state, event);
    if (!result.ok) {
      console.log(`  ${event.type} at ${String(event.at)} refused [${result.error.code}]: ${result.error.message}`);
      continue;
    }
    const arrow = result.state.status === state.status ? `stays ${state.status}` : `${state.status} → ${result.state.status}`;
    console.log(`  ${event.type} at ${result.event.at}: ${arrow}${result.changed ? ` (v${result.state.version})` : ' (nothing changed)'}`);
    show(result.effects);
    state = result.state;
  }
  return state;
}

console.log('PlexTrac lifecycle, tenant time zone America/New_York');

// A requested pentest: approved, started by the hourly clock at local midnight, reviewed and published.
const web = drive(
  { type: 'request', id: 'eng-web', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Acme web app pentest', startDate: '2026-03-09', requestedBy: 'dana' },
  [
    { type: 'approve', at: '2026-03-03T09:30:00Z', operators: ['alice', 'bob'] },
    { type: 'clock', at: '2026-03-09T03:00:00Z' }, // 23:00 on March 8 in New York: not yet
    { type: 'clock', at: '2026-03-09T04:00:00Z' }, // 00:00 on March 9 in New York (EDT since March 8): started
    { type: 'report_status_changed', at: '2026-03-20T16:00:00Z', reportStatus: 'Ready For Review' },
    { type: 'report_status_changed', at: '2026-03-23T10:00:00Z', reportStatus: 'Approved' },
    { type: 'report_status_changed', at: '2026-03-24T10:00:00Z', reportStatus: 'Published' },
  ],
);

// An engagement scheduled directly, then cancelled: cancellation is final.
drive(
  { type: 'schedule', id: 'eng-ext', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'External network test', startDate: '2026-04-01', operators: ['carol'] },
  [
    { type: 'reschedule', at: '2026-03-10T12:00:00Z', startDate: '2026-04-15' },
    { type: 'cancel', at: '2026-03-12T12:00:00Z', reason: 'budget cut' },
    { type: 'clock', at: '2026-04-15T04:00:00Z' },
  ],
);

console.log(`\nFinal: ${web.id} is ${web.status} at version ${web.version}`);

/**
 * Question: how fast is the fast engine, next to raw xstate `transition()` on the same machine and to a
 * hand-written reducer doing the same work (validate the event with the same zod schema, derive the status,
 * build the next immutable state and the effects with their ids)? Goal: the fast engine within 2× of the reducer.
 */
import { transition, type AnyStateMachine } from 'xstate';
import { deriveStatus, plextrac, plextracEventSchemas, type PlextracEventInput, type PlextracState } from '../src/plextrac/index.js';
import type { Effect, EffectDraft } from '../src/index.js';
import { effectId, instant } from '../src/index.js';
import { format, throughput, type Measurement } from './harness.js';
import { machineEngine, machineOf } from '../src/machine/index.js';

const ENGAGEMENTS = 500;
const TIME_ZONE = 'America/New_York';
const options = { settings: { timeZone: TIME_ZONE } };

/** The same deterministic life for every engagement, shifted in time: request, approve, hourly clocks, reviews. */
function lifeOf(i: number): PlextracEventInput[] {
  const t0 = Date.UTC(2024, 0, 1) + i * 3_600_000;
  const iso = (h: number) => instant(new Date(t0 + h * 3_600_000));
  const startDate = new Date(t0 + 5 * 86_400_000).toISOString().slice(0, 10) as `${number}-${number}-${number}`;
  const events: PlextracEventInput[] = [
    { type: 'request', id: `eng-${i}`, at: iso(0), clientId: 'acme', name: `Pentest ${i}`, startDate },
    { type: 'approve', at: iso(2), operators: ['alice', 'bob'] },
  ];
  for (let h = 3; h < 3 + 24 * 7; h += 6) events.push({ type: 'clock', at: iso(h) });
  events.push({ type: 'report_status_changed', at: iso(200), reportStatus: 'Ready For Review' });
  events.push({ type: 'report_status_changed', at: iso(201), reportStatus: 'Approved' });
  events.push({ type: 'report_status_changed', at: iso(202), reportStatus: 'Published' });
  return events;
}

const lives = Array.from({ length: ENGAGEMENTS }, (_, i) => lifeOf(i));
const eventCount = lives.reduce((n, l) => n + l.length, 0);

/* ---------- the hand-written reducer ---------- */

type Event = PlextracEventInput;
const schemas = plextracEventSchemas as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;

function reducer(state: PlextracState | null, input: Event): { state: PlextracState; effects: Effect[] } | Error {
  const schema = schemas[(input as { type: string }).type];
  if (!schema) return new Error('unknown event');
  const parsed = schema.safeParse(input);
  if (!parsed.success) return new Error('invalid');
  const event = parsed.data as Event & { at: `${number}-${number}-${number}T${string}` };
  const now = Date.parse(event.at);
  if (state === null) {
    if (event.type !== 'request') return new Error('not a creation');
    const data = {
      clientId: event.clientId,
      name: event.name,
      startDate: event.startDate,
      approved: false,
      cancelled: false,
      reportStatus: null,
      operators: [],
      requestedBy: event.requestedBy ?? null,
    } as PlextracState['data'];
    const next: PlextracState = {
      lifecycle: 'plextrac', lifecycleVersion: 1, id: event.id!, status: 'Pending', version: 1,
      createdAt: event.at, updatedAt: event.at, data,
    };
    return { state: Object.freeze(next), effects: [stamp(next, { type: 'status_changed', from: null, to: 'Pending', cause: 'request' } as EffectDraft)] };
  }
  if (state.status === 'Canceled') return new Error('terminal');
  if (event.at < state.updatedAt) return new Error('out of order');
  let data = state.data;
  const extra: EffectDraft[] = [];
  switch (event.type) {
    case 'approve':
      if (state.status !== 'Pending') return new Error('not allowed');
      data = { ...data, approved: true, reportStatus: 'Draft', operators: event.operators ?? [] };
      extra.push({ type: 'create_report', clientId: data.clientId, name: data.name, reportStatus: 'Draft' } as EffectDraft);
      if (data.operators.length) extra.push({ type: 'assign_operators', operators: data.operators } as EffectDraft);
      break;
    case 'report_status_changed':
      if (state.status === 'Pending') return new Error('not allowed');
      if (data.reportStatus !== event.reportStatus) data = { ...data, reportStatus: event.reportStatus as never };
      break;
    case 'clock':
      break;
    case 'reschedule':
      if (data.startDate !== event.startDate) data = { ...data, startDate: event.startDate };
      break;
    case 'cancel':
      data = { ...data, cancelled: true };
      break;
    default:
      return new Error('not allowed');
  }
  const status = deriveStatus(data, now, TIME_ZONE);
  if (status === state.status && data === state.data && extra.length === 0) return { state, effects: [] };
  const next: PlextracState = { ...state, status, version: state.version + 1, updatedAt: event.at, data };
  const drafts = status !== state.status ? [{ type: 'status_changed', from: state.status, to: status, cause: event.type } as EffectDraft, ...extra] : extra;
  return { state: Object.freeze(next), effects: drafts.map((d) => stamp(next, d)) };
}

function stamp(state: PlextracState, draft: EffectDraft): Effect {
  return { id: effectId('plextrac', state.id, state.version, draft.type), ...draft, lifecycle: 'plextrac', engagementId: state.id, version: state.version, at: state.updatedAt } as Effect;
}

/* ---------- the runs ---------- */

export function runEngineBench(): Measurement[] {
  const fast = plextrac.with(options);
  const machine: AnyStateMachine = machineOf(plextrac, options);
  const viaMachine = machineEngine(plextrac, options);
  let sink = 0;

  const results = [
    throughput('hand-written reducer', eventCount, () => {
      for (const life of lives) {
        let s: PlextracState | null = null;
        for (const e of life) {
          const r = reducer(s, e);
          if (r instanceof Error) throw r;
          s = r.state;
          sink += r.effects.length;
        }
      }
    }),
    throughput('fast engine (plextrac.with(options).apply)', eventCount, () => {
      for (const life of lives) {
        const c = fast.create(life[0]!);
        if (!c.ok) throw c.error;
        let s = c.state;
        for (let i = 1; i < life.length; i++) {
          const r = fast.apply(s, life[i]!);
          if (!r.ok) throw r.error;
          s = r.state;
          sink += r.effects.length;
        }
      }
    }),
    // Events parsed beforehand: this measures xstate's transition() alone, not our validation.
    throughput('raw xstate transition() on the derived machine', eventCount, () => {
      for (const life of parsedLives) {
        let snap = machine.resolveState({ value: '(new)', context: { engagement: null } });
        for (const e of life) {
          const [next, actions] = transition(machine, snap, e as never);
          snap = next;
          sink += actions.length;
        }
      }
    }, { rounds: 3, warmup: 1 }),
    throughput('machine engine (machineEngine(plextrac).apply)', eventCount, () => {
      for (const life of lives) {
        const c = viaMachine.create(life[0]!);
        if (!c.ok) throw c.error;
        let s = c.state;
        for (let i = 1; i < life.length; i++) {
          const r = viaMachine.apply(s, life[i]!);
          if (!r.ok) throw r.error;
          s = r.state;
          sink += r.effects.length;
        }
      }
    }, { rounds: 3, warmup: 1 }),
  ];
  if (sink < 0) console.log(sink);
  return results;
}

const parsedLives = lives.map((life) =>
  life.map((e) => {
    const r = plextrac.safeParseEvent(e);
    if (!r.ok) throw r.error;
    return r.event;
  }),
);

export function reportEngine(results: Measurement[]): string[] {
  const [reducerM, fastM] = results;
  const ratio = reducerM!.median / fastM!.median;
  return [
    `PlexTrac: ${ENGAGEMENTS} engagements × ${lives[0]!.length} events = ${eventCount} events per round`,
    ...results.map(format),
    `fast engine is ${ratio.toFixed(2)}× slower than the hand-written reducer (goal: ≤ 2×) — ${ratio <= 2 ? 'met' : 'NOT met'}`,
  ];
}

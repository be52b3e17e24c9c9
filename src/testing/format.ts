/**
 * Counterexamples as text a person can read: one step per event, with its time (in UTC and in the tenant's zone),
 * its payload, and what it did to the engagement, status by status. Strings only: nothing here prints.
 */
import type { StepResult, StepView } from './invariants.js';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'shortOffset',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** `2024-03-10T05:00:00.000Z`, followed by the local time in `zone` unless the zone is UTC. */
export function formatTime(at: unknown, zone: string): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : Number.NaN;
  if (!Number.isFinite(ms)) return String(at);
  const iso = new Date(ms).toISOString();
  const f = zone === 'UTC' ? null : formatterFor(zone);
  if (!f) return iso;
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${iso} [${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}]`;
}

function formatValue(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `approve operators=["alice"]`: the event type and its payload (not its time). */
export function formatEvent(event: unknown): string {
  if (event === null || typeof event !== 'object') return formatValue(event);
  const { type, at: _at, ...payload } = event as Record<string, unknown>;
  const fields = Object.entries(payload).map(([k, v]) => `${k}=${formatValue(v)}`);
  return [String(type), ...fields].join(' ');
}

function formatOutcome(before: { status: string } | null, result: StepResult): string {
  if (!result.ok) return `refused [${result.error.code}] ${result.error.message.split('\n')[0]}`;
  const effects = result.effects.length > 0 ? `; effects: ${result.effects.map((e) => e.type).join(', ')}` : '';
  if (!result.changed) return `nothing changed (${result.state.status})`;
  const status = !before ? `→ ${result.state.status}` : before.status === result.state.status ? `stays ${result.state.status}` : `${before.status} → ${result.state.status}`;
  return `${status} (v${result.state.version})${effects}`;
}

/** The zone a lifecycle's settings name (`timeZone`), or UTC. */
export function zoneOfSettings(settings: unknown): string {
  const zone = (settings as { timeZone?: unknown } | null | undefined)?.timeZone;
  return typeof zone === 'string' ? zone : 'UTC';
}

/** A scenario's events, one a line, with their times: for a scenario not (yet) run. */
export function formatEvents(events: readonly unknown[], zone: string): string {
  return events.map((e, i) => `  #${i} ${formatTime((e as { at?: unknown } | null)?.at, zone)}  ${formatEvent(e)}`).join('\n');
}

/** A broken invariant as reports print it. */
export interface FormattedViolation {
  readonly invariant: string;
  readonly description: string;
  readonly step: number;
  readonly message: string;
}

/** A run step by step: event, time, and the outcome of each engine (the machine's only where it differs). */
export function formatSteps(steps: readonly StepView[], zone: string, violation?: FormattedViolation | null): string {
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(`  #${step.index} ${formatTime((step.event as { at?: unknown } | null)?.at, zone)}  ${formatEvent(step.event)}`);
    const fast = formatOutcome(step.before, step.result);
    lines.push(`       ${fast}`);
    if (step.machineResult) {
      const machine = formatOutcome(step.before, step.machineResult);
      if (machine !== fast) lines.push(`       machine: ${machine}`);
    }
    if (violation && violation.step === step.index) lines.push(`  ✗ ${violation.invariant}: ${violation.message}`);
  }
  return lines.join('\n');
}

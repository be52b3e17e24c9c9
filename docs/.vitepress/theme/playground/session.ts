/**
 * The playground's model: a lifecycle, its settings and the list of events sent. Everything shown is recomputed
 * from that list by the library itself (`create` for the first event, `apply` for the rest), so undo and
 * "replay to step N" are just shorter lists. Imports the library only through its public entry points.
 */
import { toMermaid, type LifecycleError } from 'engagement-lifecycle';
import { defectdojo } from 'engagement-lifecycle/defectdojo';
import { plextrac } from 'engagement-lifecycle/plextrac';
import type * as z from 'zod';

/** The parts of a lifecycle the playground uses, whatever its types. */
export interface PlaygroundLifecycle {
  readonly id: string;
  readonly statuses: readonly string[];
  readonly declaration: {
    readonly events: Readonly<Record<string, z.ZodType>>;
    readonly create: readonly { readonly on: string }[];
  };
  create(event: never, options?: { settings?: unknown }): Outcome;
  apply(state: never, event: never, options?: { settings?: unknown }): Outcome;
  nextDue(state: never, options?: { settings?: unknown }): { ok: true; due: string | null } | { ok: false; error: LifecycleError };
}

type Outcome =
  | { readonly ok: true; readonly state: State; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly error: LifecycleError };

/** An engagement state as the playground shows it. */
export interface State {
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly data: unknown;
}

/** An effect as the playground shows it. */
export interface Effect {
  readonly id: string;
  readonly type: string;
  readonly [key: string]: unknown;
}

/** One built-in lifecycle offered by the playground, with the settings it starts with. */
export interface Choice {
  readonly key: 'plextrac' | 'defectdojo';
  readonly label: string;
  readonly lifecycle: PlaygroundLifecycle;
  /** Settings besides the time zone. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Event types the diagram leaves out (DefectDojo's `set_status` links every status to every other). */
  readonly omitEvents: readonly string[];
}

export const CHOICES: readonly Choice[] = [
  { key: 'plextrac', label: 'PlexTrac', lifecycle: plextrac as unknown as PlaygroundLifecycle, settings: {}, omitEvents: [] },
  {
    key: 'defectdojo',
    label: 'DefectDojo',
    lifecycle: defectdojo as unknown as PlaygroundLifecycle,
    settings: { autoClose: { enabled: true, days: 3 } },
    omitEvents: ['set_status'],
  },
];

/** One event sent, and what the lifecycle answered. */
export interface Step {
  readonly n: number;
  readonly event: Readonly<Record<string, unknown>>;
  readonly ok: boolean;
  readonly status: string | null;
  readonly effects: readonly Effect[];
  readonly error: { readonly code: string; readonly message: string; readonly issues: readonly unknown[] } | null;
}

/** Everything the page shows after a list of events. */
export interface Replay {
  readonly steps: readonly Step[];
  readonly state: State | null;
  readonly nextDue: string | null;
}

/** Replays `events` on the chosen lifecycle. Refused events stay in the history, marked, and change nothing. */
export function replay(choice: Choice, timeZone: string, events: readonly Readonly<Record<string, unknown>>[]): Replay {
  const settings = { ...choice.settings, timeZone };
  const { lifecycle } = choice;
  let state: State | null = null;
  const steps = events.map((event, i): Step => {
    const outcome = state === null
      ? lifecycle.create(event as never, { settings })
      : lifecycle.apply(state as never, event as never, { settings });
    if (!outcome.ok) {
      const { code, message, issues } = outcome.error;
      return { n: i + 1, event, ok: false, status: state?.status ?? null, effects: [], error: { code, message, issues } };
    }
    state = outcome.state;
    return { n: i + 1, event, ok: true, status: outcome.state.status, effects: outcome.effects, error: null };
  });
  const final = state as State | null;
  const due = final === null ? null : lifecycle.nextDue(final as never, { settings });
  return { steps, state: final, nextDue: due !== null && due.ok ? due.due : null };
}

/** The event types that can be sent now: the creation events first, the others once the engagement exists. */
export function eventTypes(choice: Choice, created: boolean): string[] {
  const creation = new Set(choice.lifecycle.declaration.create.map((c) => c.on));
  return Object.keys(choice.lifecycle.declaration.events).filter((type) => creation.has(type) !== created);
}

/** The lifecycle's diagram with `status` marked, drawn by the library's own `toMermaid`. */
export function diagram(choice: Choice, status: string | null): string {
  const text = toMermaid(choice.lifecycle as never, { omitEvents: choice.omitEvents });
  if (status === null) return text;
  // toMermaid names a state with spaces through `state "In Progress" as In_Progress`; read that, do not redo it.
  const alias = new RegExp(`^\\s*state "${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" as (\\S+)`, 'm').exec(text);
  const id = alias?.[1] ?? status;
  return `${text}\n  classDef current fill:#f59e0b,stroke:#b45309,stroke-width:3px,color:#111\n  class ${id} current\n`;
}

/** An instant shown in a time zone, with its UTC form. */
export function inZone(instant: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'long' }).format(new Date(instant));
  return `${local} (${instant})`;
}

/**
 * Events across the bridge: for each event type of one side, its counterparts on the other and what is lost; and
 * the translation a host runs: a status change on one side becomes the event that gives the other side the mapped
 * status (or none, when the mapped status does not change or the other side decides it by itself).
 */
import type * as z from 'zod';
import { parseArguments, statusChangeSchema, type InstantInput, type StatusChangedEffect } from '../core/index.js';
import type { DefectDojoEvent, DefectDojoStatus } from '../defectdojo/index.js';
import type { PlextracEvent, PlextracStatus } from '../plextrac/index.js';
import { DEFECTDOJO_TO_PLEXTRAC, PLEXTRAC_TO_DEFECTDOJO, toDefectDojoStatus, toPlextracStatus } from './statuses.js';

/** An event type's counterparts on the other side (none: the other side has no such thing), and what is lost. */
export interface EventCounterpart {
  readonly to: readonly string[];
  readonly lost: string | null;
}

/** PlexTrac's event types, onto DefectDojo's. */
export const PLEXTRAC_EVENTS_TO_DEFECTDOJO = Object.freeze({
  request: { to: ['create'], lost: 'the client is not a product, and PlexTrac has no end date: the host gives productId and targetEnd' },
  schedule: { to: ['create'], lost: 'as for request; the operators (DefectDojo has one lead)' },
  approve: { to: ['set_status'], lost: 'the operators assigned at approval' },
  report_status_changed: { to: ['set_status', 'close', 'reopen'], lost: 'which of the three review stages the report is in' },
  clock: { to: ['clock'], lost: null },
  reschedule: { to: ['edit'], lost: null },
  cancel: { to: ['set_status'], lost: 'finality: DefectDojo can reopen a Cancelled engagement' },
} as const satisfies Record<PlextracEvent['type'], EventCounterpart>);

/** DefectDojo's event types, onto PlexTrac's. */
export const DEFECTDOJO_EVENTS_TO_PLEXTRAC = Object.freeze({
  create: { to: ['request', 'schedule'], lost: 'the product, end date, type and every DefectDojo field PlexTrac does not have' },
  edit: { to: ['reschedule'], lost: 'every field but the start date' },
  set_status: { to: ['cancel', 'report_status_changed'], lost: 'On Hold, Blocked and Waiting for Resource (no counterpart)' },
  close: { to: ['report_status_changed'], lost: 'nothing, but it claims the report is Published' },
  reopen: { to: ['report_status_changed'], lost: 'nothing, but it sends the report back to Draft' },
  add_test: { to: [], lost: 'PlexTrac has no tests' },
  import_scan: { to: [], lost: 'PlexTrac has no scans' },
  set_jira: { to: [], lost: 'PlexTrac has no Jira epic on engagements' },
  clock: { to: ['clock'], lost: null },
} as const satisfies Record<DefectDojoEvent['type'], EventCounterpart>);

/** An event for the other side, without the fields the host adds (`actor`, `reason`). */
export type BridgedDefectDojoEvent =
  | { readonly type: 'set_status'; readonly at: InstantInput; readonly status: DefectDojoStatus }
  | { readonly type: 'close'; readonly at: InstantInput }
  | { readonly type: 'reopen'; readonly at: InstantInput };

/** A PlexTrac event made from a DefectDojo change. */
export type BridgedPlextracEvent =
  | { readonly type: 'cancel'; readonly at: InstantInput }
  | { readonly type: 'report_status_changed'; readonly at: InstantInput; readonly reportStatus: 'Draft' | 'Published' };

/** The part of a status change the mappings read, checked: both statuses and the instant. */
// The statuses from the mapping tables (each is keyed by every status of its side, as its `satisfies` checks), not
// from the lifecycles' entries: a value import of those would keep their declarations in a bundle of the bridge.
const plextracChange = /* @__PURE__ */ statusChangeSchema(Object.keys(PLEXTRAC_TO_DEFECTDOJO) as PlextracStatus[]);
const defectDojoChange = /* @__PURE__ */ statusChangeSchema(Object.keys(DEFECTDOJO_TO_PLEXTRAC) as DefectDojoStatus[]);

/**
 * The DefectDojo event that follows a PlexTrac status change: `close` into Completed, `reopen` out of Completed
 * into In Progress, `set_status` otherwise; null when both statuses map to the same DefectDojo status (In
 * Progress → In Review) or for the creation (the host creates the DefectDojo engagement with its own fields).
 * @throws LifecycleError `invalid_input` when `change` is not a PlexTrac `status_changed` effect.
 */
export function defectDojoEventFor(input: StatusChangedEffect<PlextracStatus>): BridgedDefectDojoEvent | null {
  const { change } = parseArguments('defectDojoEventFor', { change: plextracChange }, [input]);
  return Object.freeze(defectDojoEventOf(change));
}

function defectDojoEventOf(change: z.output<typeof plextracChange>): BridgedDefectDojoEvent | null {
  if (change.from === null) return null;
  const from = toDefectDojoStatus(change.from);
  const to = toDefectDojoStatus(change.to);
  if (from === to) return null;
  if (to === 'Completed') return { type: 'close', at: change.at };
  if (from === 'Completed' && to === 'In Progress') return { type: 'reopen', at: change.at };
  return { type: 'set_status', at: change.at, status: to };
}

/**
 * The PlexTrac event that follows a DefectDojo status change. PlexTrac derives its status from facts, so only
 * three changes have an event: into Cancelled (`cancel`), into Completed (the report is Published), and out of
 * Completed (the report goes back to Draft). Every other change is null: PlexTrac's dates decide Scheduled and
 * In Progress, and it has no Pending to go back to, no pause and no block.
 * @throws LifecycleError `invalid_input` when `change` is not a DefectDojo `status_changed` effect.
 */
export function plextracEventFor(input: StatusChangedEffect<DefectDojoStatus>): BridgedPlextracEvent | null {
  const { change } = parseArguments('plextracEventFor', { change: defectDojoChange }, [input]);
  return Object.freeze(plextracEventOf(change));
}

function plextracEventOf(change: z.output<typeof defectDojoChange>): BridgedPlextracEvent | null {
  if (change.from === null || toPlextracStatus(change.from) === toPlextracStatus(change.to)) return null;
  if (change.to === 'Cancelled') return { type: 'cancel', at: change.at };
  if (change.to === 'Completed') return { type: 'report_status_changed', at: change.at, reportStatus: 'Published' };
  if (change.from === 'Completed' && toPlextracStatus(change.to) !== 'Pending') return { type: 'report_status_changed', at: change.at, reportStatus: 'Draft' };
  return null;
}

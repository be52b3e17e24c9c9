/**
 * The invariants of PlexTrac's lifecycle. A workflow that extends PlexTrac keeps them (through its lineage) unless
 * it drops one by name: an On Hold status, for example, is not derived from the facts, so such a workflow drops
 * `plextracDerivation` and states its own rule.
 */
import { deriveStatus, type PlextracData, type PlextracStatus } from '../index.js';
import { defineInvariant, type Invariant, type StepView } from '../../testing/kit-support.js';
import { eager, lazyObject } from '../../core/index.js';

type Step = StepView<PlextracStatus, PlextracData>;

const zoneOf = (step: Step): string => (step.settings as { timeZone?: unknown } | null)?.timeZone as string ?? 'UTC';

/** Invariant: Canceled is final: once Canceled, every valid event is refused with terminal_state and the engagement stays Canceled. */
export const plextracCanceledAbsorbs = /* @__PURE__ */ lazyObject(() => defineInvariant<PlextracStatus, PlextracData>(
  'plextracCanceledAbsorbs',
  'Canceled is final: once Canceled, every valid event is refused with terminal_state and the engagement stays Canceled.',
  (step) => {
    if (step.before?.status !== 'Canceled') return;
    const type = String((step.event as { type?: unknown }).type);
    if (step.result.ok) return `"${type}" was accepted on a Canceled engagement (→ ${step.result.state.status})`;
    const code = step.result.error.code;
    if (code !== 'terminal_state' && code !== 'invalid_input' && code !== 'unknown_event') {
      return `"${type}" on a Canceled engagement was refused with ${code}, not terminal_state`;
    }
  },
));

/** Invariant: The cancelled fact and the Canceled status go together. */
export const plextracCancelledFlag = /* @__PURE__ */ lazyObject(() => defineInvariant<PlextracStatus, PlextracData>(
  'plextracCancelledFlag',
  'The cancelled fact and the Canceled status go together.',
  (step) => {
    const s = step.result.ok ? step.result.state : null;
    if (s && s.data.cancelled !== (s.status === 'Canceled')) return `status ${s.status} with cancelled = ${String(s.data.cancelled)}`;
  },
));

/** Invariant: An engagement has a report (a report status) exactly when it has been approved. */
export const plextracReportOnlyWhenApproved = /* @__PURE__ */ lazyObject(() => defineInvariant<PlextracStatus, PlextracData>(
  'plextracReportOnlyWhenApproved',
  'An engagement has a report (a report status) exactly when it has been approved.',
  (step) => {
    const s = step.result.ok ? step.result.state : null;
    if (s && (s.data.reportStatus !== null) !== s.data.approved) {
      return `approved = ${String(s.data.approved)} but reportStatus = ${JSON.stringify(s.data.reportStatus)}`;
    }
  },
));

/** Invariant: create_report is emitted exactly once, by the step that approves the engagement (approve, or schedule at creation). */
export const plextracReportCreatedOnce = /* @__PURE__ */ lazyObject(() => defineInvariant<PlextracStatus, PlextracData>(
  'plextracReportCreatedOnce',
  'create_report is emitted exactly once, by the step that approves the engagement (approve, or schedule at creation).',
  (step) => {
    if (!step.result.ok) return;
    const created = step.result.effects.filter((e) => e.type === 'create_report').length;
    const approvedNow = step.result.state.data.approved && !(step.before?.data.approved ?? false);
    if (approvedNow && created !== 1) return `"${step.result.event.type}" approved the engagement with ${created} create_report effects`;
    if (!approvedNow && created > 0) return `"${step.result.event.type}" emitted create_report, but it did not approve the engagement`;
  },
));

/** Invariant: after every applied event, the status is PlexTrac's derivation from the facts at that time and zone. */
export const plextracDerivation = /* @__PURE__ */ lazyObject(() => defineInvariant<PlextracStatus, PlextracData>(
  'plextracDerivation',
  "After every applied event, the status is PlexTrac's derivation from the facts at the event's time in the tenant zone.",
  (step) => {
    if (!step.result.ok) return;
    const { state, event } = step.result;
    const zone = zoneOf(step);
    const derived = deriveStatus(state.data, Date.parse(event.at), zone);
    if (state.status !== derived) {
      const facts = `approved ${String(state.data.approved)}, cancelled ${String(state.data.cancelled)}, report ${JSON.stringify(state.data.reportStatus)}, start ${state.data.startDate}`;
      return `status is ${state.status}, but the derivation at ${event.at} in ${zone} gives ${derived} (${facts})`;
    }
  },
));

/** PlexTrac's invariants, checked in this order (the absorbing Canceled first: it explains later failures). */
export const plextracInvariants: readonly Invariant[] = Object.freeze([
  plextracCanceledAbsorbs,
  plextracCancelledFlag,
  plextracReportOnlyWhenApproved,
  plextracReportCreatedOnce,
  plextracDerivation,
] as Invariant[]);

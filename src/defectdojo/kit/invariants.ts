/**
 * The invariants of DefectDojo's lifecycle, as the library decides them (see docs/fidelity.md). A workflow that
 * extends DefectDojo keeps them unless it drops one by name.
 */
import { dayStartMs, eager, lazyObject } from '../../core/index.js';
import { isClosedStatus, isOverdue, type DefectDojoData, type DefectDojoSettings, type DefectDojoStatus } from '../lifecycle/index.js';
import { defineInvariant, type Invariant, type StepView } from '../../testing/kit-support.js';

type Step = StepView<DefectDojoStatus, DefectDojoData>;

const settingsOf = (step: Step): DefectDojoSettings => step.settings as DefectDojoSettings;

/** Invariant: After every applied event, active is false exactly when the status is Completed or Cancelled. */
export const defectdojoActiveFollowsStatus = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoActiveFollowsStatus',
  'After every applied event, active is false exactly when the status is Completed or Cancelled.',
  (step) => {
    const s = step.result.ok ? step.result.state : null;
    if (s && s.data.active === isClosedStatus(s.status)) return `status ${s.status} with active = ${String(s.data.active)}`;
  },
));

/** Invariant: A clock event changes the status only by auto-closing: In Progress → Completed, with auto-close on, from day targetEnd + N in the tenant zone, with auto_close_engagement and no engagement_closed. */
export const defectdojoClockOnlyAutoCloses = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoClockOnlyAutoCloses',
  'A clock event changes the status only by auto-closing: In Progress → Completed, with auto-close on, from day targetEnd + N in the tenant zone, with auto_close_engagement and no engagement_closed.',
  (step: Step) => {
    const r = step.result;
    const before = step.before;
    if (!r.ok || !before || r.event.type !== 'clock' || r.state.status === before.status) return;
    const settings = settingsOf(step);
    if (before.status !== 'In Progress' || r.state.status !== 'Completed') return `a clock moved ${before.status} → ${r.state.status}`;
    if (!settings.autoClose.enabled) return 'a clock auto-closed the engagement with auto-close off';
    const from = dayStartMs(before.data.targetEnd, settings.timeZone, settings.autoClose.days);
    if (Date.parse(r.event.at) < from) return `auto-closed at ${r.event.at}, before day ${before.data.targetEnd} + ${settings.autoClose.days} began in ${settings.timeZone}`;
    const types = r.effects.map((e) => e.type);
    if (!types.includes('auto_close_engagement')) return 'auto-closed without auto_close_engagement';
    if (types.includes('engagement_closed')) return 'auto-close emitted engagement_closed (DefectDojo\'s bulk update sends none)';
  },
));

/** Invariant: after every applied event, the overdue flag is the overdue rule at the event's time in the tenant zone. */
export const defectdojoOverdueFlag = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoOverdueFlag',
  "After every applied event, the overdue flag (the machine's schedule region) is the overdue rule at the event's time: targetEnd < today − grace in the tenant zone, never for Completed or Cancelled.",
  (step: Step) => {
    const r = step.result;
    if (!r.ok || !r.changed) return;
    const expected = isOverdue(r.state, r.event.at, settingsOf(step));
    if (r.state.data.clock.overdue !== expected) return `overdue flag ${String(r.state.data.clock.overdue)}, but the rule at ${r.event.at} says ${String(expected)}`;
  },
));

/** Invariant: engagement_closed and engagement_reopened are emitted exactly on the changes DefectDojo notifies. */
export const defectdojoStatusNotifications = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoStatusNotifications',
  "DefectDojo's rules: engagement_closed exactly on a change into Completed or Cancelled (not by auto-close); engagement_reopened exactly on a change into In Progress from anything but Not Started.",
  (step: Step) => {
    const r = step.result;
    const before = step.before;
    if (!r.ok || !before) return;
    const types = r.effects.map((e) => e.type);
    const to = r.state.status;
    const changed = to !== before.status;
    const closed = changed && r.event.type !== 'clock' && isClosedStatus(to);
    const reopened = changed && to === 'In Progress' && before.status !== 'Not Started';
    if (types.includes('engagement_closed') !== closed) return `${before.status} → ${to} by "${r.event.type}" ${closed ? 'without' : 'with'} engagement_closed`;
    if (types.includes('engagement_reopened') !== reopened) return `${before.status} → ${to} by "${r.event.type}" ${reopened ? 'without' : 'with'} engagement_reopened`;
  },
));

const ONCE: Readonly<Record<string, 'targetStart' | 'targetEnd'>> = {
  upcoming_engagement: 'targetStart',
  stale_engagement: 'targetEnd',
  engagement_expired: 'targetEnd',
};

/** Invariant: upcoming_engagement goes out at most once per start date, stale_engagement and engagement_expired at most once per end date. */
export const defectdojoNoticesOnce = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoNoticesOnce',
  'upcoming_engagement goes out at most once per start date, stale_engagement and engagement_expired at most once per end date.',
  (step: Step) => {
    if (!step.result.ok) return;
    for (const effect of step.result.effects) {
      const field = ONCE[effect.type];
      if (!field) continue;
      const date = step.result.state.data[field];
      const earlier = step.steps
        .slice(0, -1)
        .some((s) => s.result.ok && s.result.state.data[field] === date && s.result.effects.some((e) => e.type === effect.type));
      if (earlier) return `${effect.type} again for ${field} ${date}`;
    }
  },
));

/** Invariant: Every state the engines produce has targetStart ≤ targetEnd (create and edit refuse the rest with DefectDojo's message). */
export const defectdojoDatesOrdered = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoDatesOrdered',
  'Every state the engines produce has targetStart ≤ targetEnd (create and edit refuse the rest with DefectDojo\'s message).',
  (step: Step) => {
    const s = step.result.ok ? step.result.state : null;
    if (s && s.data.targetStart > s.data.targetEnd) return `targetStart ${s.data.targetStart} is after targetEnd ${s.data.targetEnd}`;
  },
));

const RETENTION_EFFECTS = new Set(['archive_engagement', 'delete_engagement']);

/** Invariant: retention's recorded instants never move or vanish, and its effects go out once, on a clock, for a Completed engagement, the deletion after the archive. */
export const defectdojoRetentionOnce = /* @__PURE__ */ lazyObject(() => defineInvariant<DefectDojoStatus, DefectDojoData>(
  'defectdojoRetentionOnce',
  "Retention's recorded instants (first finish, archive, deletion) never move or vanish; archive_engagement and delete_engagement go out once each, only on a clock, only for a Completed engagement, the deletion never before the archive.",
  (step: Step) => {
    const r = step.result;
    if (!r.ok) return;
    const was = step.before?.data.retention;
    const now = r.state.data.retention;
    if (was) {
      if (!now) return 'the retention facts vanished';
      if (now.firstFinishedAt !== was.firstFinishedAt) return `the first finish moved from ${was.firstFinishedAt} to ${now.firstFinishedAt}`;
      if (was.archivedAt !== null && now.archivedAt !== was.archivedAt) return `the archive moved from ${was.archivedAt} to ${String(now.archivedAt)}`;
      if (was.deletionPlannedAt !== null && now.deletionPlannedAt !== was.deletionPlannedAt) return 'the planned deletion moved';
    }
    for (const effect of r.effects) {
      if (!RETENTION_EFFECTS.has(effect.type)) continue;
      if (r.event.type !== 'clock') return `${effect.type} on ${r.event.type}, not on a clock`;
      if (r.state.status !== 'Completed') return `${effect.type} for an engagement in ${r.state.status}`;
      const field = effect.type === 'archive_engagement' ? 'archivedAt' : 'deletionPlannedAt';
      if (was?.[field] != null) return `${effect.type} a second time`;
      if (!now?.archivedAt) return `${effect.type} without an archive`;
    }
  },
));

/** DefectDojo's invariants, checked in this order. */
export const defectdojoInvariants: readonly Invariant[] = Object.freeze([
  defectdojoActiveFollowsStatus,
  defectdojoDatesOrdered,
  defectdojoStatusNotifications,
  defectdojoClockOnlyAutoCloses,
  defectdojoOverdueFlag,
  defectdojoNoticesOnce,
  defectdojoRetentionOnce,
] as Invariant[]);

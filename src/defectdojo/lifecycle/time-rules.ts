/**
 * DefectDojo's time rules as one table. DefectDojo runs them in an hourly task (`add_alerts`); here they run at a
 * clock event's `now`, in the tenant's time zone. Each rule is one record: the statuses and condition in which it
 * is still to run, the instant from which it is due, what it emits and what it marks. The clock transition runs
 * the due rules of the table, and `nextDue` is the earliest due instant among the rules that apply, so the two
 * cannot disagree.
 */
import { dayStartMs } from '../../core/index.js';
import { closeEpic, type JiraCloseEpicDraft } from './close-epic.js';
import { overdueFrom } from './overdue.js';
import type { ClockMarks, DefectDojoData } from './model.js';
import {
  autoCloseEngagement,
  engagementExpired,
  staleEngagement,
  upcomingEngagement,
  type NotificationDraft,
} from './notifications.js';
import type { DefectDojoSettings } from './settings.js';
import { DEFECTDOJO_STATUSES, isClosedStatus, type DefectDojoStatus } from './statuses.js';

/** What a time rule emits. */
export type TimeRuleEffect = NotificationDraft | JiraCloseEpicDraft;

/** One time rule of the table. */
export interface TimeRule {
  readonly name: 'upcoming' | 'stale' | 'expired' | 'overdue' | 'auto-close';
  /** The statuses the engagement must be in (at `now`, before any auto-close) for the rule to run. */
  readonly statuses: readonly DefectDojoStatus[];
  /** Whether the rule is still to run, besides the status (a mark not yet set, a setting turned on). */
  readonly pending: (data: DefectDojoData, settings: DefectDojoSettings) => boolean;
  /** The instant (epoch ms) from which the rule is due. */
  readonly dueFrom: (data: DefectDojoData, settings: DefectDojoSettings) => number;
  /** The effects of running it at `now`, for the engagement with id `id` and its data before the clock. */
  readonly emits: (id: string, data: DefectDojoData, now: number, settings: DefectDojoSettings) => readonly TimeRuleEffect[];
  /** The clock marks after it ran. */
  readonly marks: (marks: ClockMarks, data: DefectDojoData) => ClockMarks;
  /** The status the rule moves the engagement to, when it moves it. */
  readonly to?: DefectDojoStatus;
}

/** The statuses in which an engagement is open: the rules about open engagements run there. */
const OPEN: readonly DefectDojoStatus[] = DEFECTDOJO_STATUSES.filter((s) => !isClosedStatus(s));
const IN_PROGRESS: readonly DefectDojoStatus[] = ['In Progress'];
const keep = (marks: ClockMarks): ClockMarks => marks;

/**
 * The table, in DefectDojo's order (upcoming, stale, then expired), each notification once per date (start date
 * for upcoming, end date for stale and expired), then the overdue flag and auto-close.
 */
export const TIME_RULES: readonly TimeRule[] = [
  {
    // The window is [start - N days, start): a clock inside it notifies; a first clock after it only records that
    // the window passed, so that the engagement stops being due for it.
    name: 'upcoming',
    statuses: OPEN,
    pending: (data) => data.clock.upcomingFor !== data.targetStart,
    dueFrom: (data, settings) => dayStartMs(data.targetStart, settings.timeZone, -settings.upcomingDays),
    emits: (id, data, now, settings) => (now < dayStartMs(data.targetStart, settings.timeZone) ? [upcomingEngagement(id, data)] : []),
    marks: (marks, data) => ({ ...marks, upcomingFor: data.targetStart }),
  },
  {
    // Stale from the first day after the end date (DefectDojo's `target_end < today`).
    name: 'stale',
    statuses: IN_PROGRESS,
    pending: (data) => data.clock.staleFor !== data.targetEnd,
    dueFrom: (data, settings) => dayStartMs(data.targetEnd, settings.timeZone, 1),
    emits: (id, data) => [staleEngagement(id, data)],
    marks: (marks, data) => ({ ...marks, staleFor: data.targetEnd }),
  },
  {
    name: 'expired',
    statuses: OPEN,
    pending: (data) => data.clock.expiredFor !== data.targetEnd,
    dueFrom: overdueFrom,
    emits: (id, data) => [engagementExpired(id, data)],
    marks: (marks, data) => ({ ...marks, expiredFor: data.targetEnd }),
  },
  {
    // The flag the machine's schedule region shows; every event also settles it (see `withOverdue`).
    name: 'overdue',
    statuses: OPEN,
    pending: (data) => !data.clock.overdue,
    dueFrom: overdueFrom,
    emits: () => [],
    marks: (marks) => ({ ...marks, overdue: true }),
  },
  {
    // DefectDojo's `engagement_auto_close`: `target_end <= today - N` (inclusive), from the start of day end + N.
    name: 'auto-close',
    statuses: IN_PROGRESS,
    pending: (_data, settings) => settings.autoClose.enabled,
    dueFrom: (data, settings) => dayStartMs(data.targetEnd, settings.timeZone, settings.autoClose.days),
    emits: (id, data, _now, settings) => [autoCloseEngagement(id, data), ...(settings.autoCloseClosesJiraEpic ? closeEpic(data) : [])],
    marks: keep,
    to: 'Completed',
  },
];

/** The rule that moves the engagement (auto-close): the clock's transition to its status is declared from it. */
export const AUTO_CLOSE: TimeRule & { readonly to: DefectDojoStatus } = TIME_RULES.find(
  (rule): rule is TimeRule & { readonly to: DefectDojoStatus } => rule.to !== undefined,
)!;

/** Whether `rule` is still to run for an engagement in `status` with `data`. */
export function ruleApplies(rule: TimeRule, status: DefectDojoStatus, data: DefectDojoData, settings: DefectDojoSettings): boolean {
  return rule.statuses.includes(status) && rule.pending(data, settings);
}

/** Whether `rule` runs at a clock at `now`: it applies and its instant has come. */
export function ruleDue(rule: TimeRule, status: DefectDojoStatus, data: DefectDojoData, now: number, settings: DefectDojoSettings): boolean {
  return ruleApplies(rule, status, data, settings) && now >= rule.dueFrom(data, settings);
}

/** What the rules due at a clock at `now` do, in table order. */
export interface ClockOutcome {
  /** The status after the clock (auto-close moves it). */
  readonly status: DefectDojoStatus;
  /** The marks after the clock; the same object when no rule marks anything. */
  readonly clock: ClockMarks;
  readonly effects: TimeRuleEffect[];
}

/**
 * Runs the table at `now` for an engagement in `status` (its status before any auto-close): every due rule emits
 * and marks, in table order.
 */
export function runTimeRules(id: string, status: DefectDojoStatus, data: DefectDojoData, now: number, settings: DefectDojoSettings): ClockOutcome {
  let marks = data.clock;
  let next = status;
  const effects: TimeRuleEffect[] = [];
  for (const rule of TIME_RULES) {
    if (!ruleDue(rule, status, data, now, settings)) continue;
    effects.push(...rule.emits(id, data, now, settings));
    marks = rule.marks(marks, data);
    if (rule.to !== undefined) next = rule.to;
  }
  return { status: next, clock: marks, effects };
}

/**
 * The earliest instant (epoch ms) at which a clock event would change the engagement: the earliest due instant
 * of the rules that apply, or null when none does.
 */
export function nextDueMs(status: DefectDojoStatus, data: DefectDojoData, settings: DefectDojoSettings): number | null {
  let earliest: number | null = null;
  for (const rule of TIME_RULES) {
    if (!ruleApplies(rule, status, data, settings)) continue;
    const due = rule.dueFrom(data, settings);
    if (earliest === null || due < earliest) earliest = due;
  }
  return earliest;
}

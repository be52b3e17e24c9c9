/**
 * DefectDojo's engagement notifications as effect drafts, with DefectDojo's own titles, descriptions and URLs
 * (`dojo/engagement/signals.py`, `dojo/notifications/tasks.py`). Each goes to the engagement's lead.
 */
import { format } from 'date-fns/format';
import { type CalendarDate } from '../../core/index.js';
import type { DefectDojoData } from './model.js';
import { utcCalendarDay } from './utc-day.js';

/** DefectDojo's engagement notification events. */
export const NOTIFICATION_EVENTS = [
  'engagement_added',
  'engagement_closed',
  'engagement_reopened',
  'engagement_copied',
  'engagement_deleted',
  'auto_close_engagement',
  'upcoming_engagement',
  'stale_engagement',
  'engagement_expired',
] as const;
/** One of `NOTIFICATION_EVENTS`. */
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** A notification for the host to route (alert, mail, Slack, Teams, webhook). */
export interface NotificationDraft<T extends NotificationEvent = NotificationEvent> {
  readonly type: T;
  readonly category: 'notification';
  readonly title: string;
  readonly description: string | null;
  /** DefectDojo's path for the notification's link. */
  readonly url: string;
  /** User ids: the engagement's lead, when it has one. */
  readonly recipients: readonly string[];
}

/** DefectDojo's `strftime("%b. %d, %Y")`, e.g. "Mar. 10, 2024". */
export function formatTargetDate(date: CalendarDate): string {
  let text = formatted.get(date);
  if (text === undefined) {
    text = format(utcCalendarDay(date), 'MMM. dd, yyyy');
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(date, text);
  }
  return text;
}

/** Memo of formatted end dates: sweeps describe the same few hundred dates over and over. */
const formatted = new Map<string, string>();

function notification<T extends NotificationEvent>(
  type: T,
  data: DefectDojoData,
  title: string,
  description: string | null,
  url: string,
): NotificationDraft<T> {
  return { type, category: 'notification', title, description, url, recipients: data.lead ? [data.lead] : [] };
}

const view = (id: string) => `/engagement/${id}`;

/** `engagement_added`: a new engagement, to its lead. */
export function engagementAdded(id: string, data: DefectDojoData): NotificationDraft<'engagement_added'> {
  const product = data.productName ?? data.productId;
  return notification('engagement_added', data, `Engagement created for "${product}": ${data.name}`, null, view(id));
}

/** `engagement_closed`: an engagement moved to Completed or Cancelled. */
export function engagementClosed(id: string, data: DefectDojoData): NotificationDraft<'engagement_closed'> {
  return notification('engagement_closed', data, `Closure of ${data.name}`, `The engagement "${data.name}" was closed`, `/engagement/${id}/finding/all`);
}

/** `engagement_reopened`: an engagement moved back to In Progress. */
export function engagementReopened(id: string, data: DefectDojoData): NotificationDraft<'engagement_reopened'> {
  return notification('engagement_reopened', data, `Reopening of ${data.name}`, `The engagement "${data.name}" was reopened`, view(id));
}

/** `auto_close_engagement`: the clock closed the engagement. */
export function autoCloseEngagement(id: string, data: DefectDojoData): NotificationDraft<'auto_close_engagement'> {
  return notification(
    'auto_close_engagement',
    data,
    data.name,
    `The engagement "${data.name}" has auto-closed. Target end was ${formatTargetDate(data.targetEnd)}.`,
    view(id),
  );
}

/** `upcoming_engagement`: the start date is near. */
export function upcomingEngagement(id: string, data: DefectDojoData): NotificationDraft<'upcoming_engagement'> {
  return notification('upcoming_engagement', data, `Upcoming engagement: ${data.name}`, null, view(id));
}

/** `stale_engagement`: an In Progress engagement passed its end date. */
export function staleEngagement(id: string, data: DefectDojoData): NotificationDraft<'stale_engagement'> {
  return pastTargetEnd('stale_engagement', id, data, 'Stale Engagement', 'stale');
}

/** The library's own: DefectDojo shows an "Overdue" badge but sends nothing when an engagement expires. */
export function engagementExpired(id: string, data: DefectDojoData): NotificationDraft<'engagement_expired'> {
  return pastTargetEnd('engagement_expired', id, data, 'Overdue engagement', 'overdue');
}

/** A notice that the engagement passed its target end: "<heading>: <name>", "... is <adjective>. Target end was ...". */
function pastTargetEnd<T extends NotificationEvent>(type: T, id: string, data: DefectDojoData, heading: string, adjective: string): NotificationDraft<T> {
  const description = `The engagement "${data.name}" is ${adjective}. Target end was ${formatTargetDate(data.targetEnd)}.`;
  return notification(type, data, `${heading}: ${data.name}`, description, view(id));
}

/** `engagement_copied`: the copy of an engagement, by `user`. */
export function engagementCopied(newId: string, data: DefectDojoData, user: string): NotificationDraft<'engagement_copied'> {
  return notification('engagement_copied', data, `Copying of ${data.name}`, `The engagement "${data.name}" was copied by ${user}`, view(newId));
}

/** `engagement_deleted`: the engagement was deleted, by `user` when known. */
export function engagementDeleted(data: DefectDojoData, user: string | null): NotificationDraft<'engagement_deleted'> {
  const description = user ? `The engagement "${data.name}" was deleted by ${user}` : `The engagement "${data.name}" was deleted`;
  return notification('engagement_deleted', data, `Deletion of ${data.name}`, description, `/product/${data.productId}`);
}

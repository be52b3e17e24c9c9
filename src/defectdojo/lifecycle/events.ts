/** The events of DefectDojo's lifecycle: their zod schemas, and the types of a validated event and of an input. */
import * as z from 'zod';
import {
  calendarDateSchema,
  creationEventSchema,
  eventSchema,
  type CalendarDate,
  type InstantInput,
  eager,
  lazyObject,
} from '../../core/index.js';
import { engagementJiraSchema, jiraEpicSchema, jiraProjectSettingsSchema } from './jira.js';
import { DATE_ORDER_MESSAGE, editableShape, refInputSchema } from './model.js';
import { defectDojoStatusSchema } from './statuses.js';

/** The issues of a start date after the end date, one on each date field (DefectDojo shows both). */
export function dateOrderIssues(start: CalendarDate | undefined, end: CalendarDate | undefined): { path: string[]; message: string }[] {
  return start !== undefined && end !== undefined && start > end
    ? [
        { path: ['targetStart'], message: DATE_ORDER_MESSAGE },
        { path: ['targetEnd'], message: DATE_ORDER_MESSAGE },
      ]
    : [];
}

const onADate = (issue: { path?: readonly PropertyKey[] | undefined }): boolean => issue.path?.[0] === 'targetStart' || issue.path?.[0] === 'targetEnd';

const createSchema = /* @__PURE__ */ lazyObject(() => creationEventSchema('create', {
  ...editableShape,
  productId: eager(refInputSchema),
  targetStart: eager(calendarDateSchema),
  targetEnd: eager(calendarDateSchema),
  status: eager(defectDojoStatusSchema).optional(),
  jira: eager(engagementJiraSchema).optional(),
}).superRefine(
  (event, ctx) => {
    for (const issue of dateOrderIssues(event.targetStart, event.targetEnd)) ctx.addIssue({ code: 'custom', ...issue });
  },
  // Only two valid dates have an order: a malformed date's issue does not abort zod, which would otherwise compare
  // the raw text ("2024-13-40" > "2024-01-01") and blame both dates. Other fields' problems (a wrong type, an
  // unknown key) do not stop it: the order is reported beside them, as DefectDojo's form does. (Any other value
  // that is not an object reads as having no dates: only null and undefined would throw.)
  { when: ({ value, issues }) => value !== null && value !== undefined && !issues.some(onADate) },
));

/** The zod schema of each DefectDojo event, by type. */
export const defectDojoEventSchemas = /* @__PURE__ */ lazyObject(() => ({
  /** A new engagement: Not Started, Interactive and active unless told otherwise; an empty name becomes the start date. */
  create: eager(createSchema),
  /** Edit fields (not the status). Start ≤ end is checked against the merged dates. */
  edit: eventSchema('edit', eager(editableShape)),
  /** Any status to any status, as DefectDojo's edit form and API allow. */
  set_status: eventSchema('set_status', { status: eager(defectDojoStatusSchema) }),
  /** DefectDojo's "Close Engagement": Completed and inactive; closes the Jira epic when mapped. */
  close: eventSchema('close', {}),
  /** DefectDojo's "Reopen Engagement": In Progress and active, whatever the status was. */
  reopen: eventSchema('reopen', {}),
  /** A test was added ("Add Tests"): an active engagement that is not In Progress moves to In Progress. */
  add_test: eventSchema('add_test', { testId: eager(refInputSchema).optional() }),
  /** A scan was imported: a CI/CD engagement's end date moves to the later of the scan date and its end date. */
  import_scan: eventSchema('import_scan', { scanDate: eager(calendarDateSchema).optional() }),
  /** The Jira side changed: the engagement's own settings, its asset's settings, or its epic (null removes). */
  set_jira: eventSchema('set_jira', {
    project: eager(jiraProjectSettingsSchema).nullable().optional(),
    assetProject: eager(jiraProjectSettingsSchema).nullable().optional(),
    epic: eager(jiraEpicSchema).nullable().optional(),
  }),
  /** The host tells the time (DefectDojo's hourly `add_alerts` task). */
  clock: eventSchema('clock', {}),
}));

type Schemas = typeof defectDojoEventSchemas;
/** A validated DefectDojo event. */
export type DefectDojoEvent = { [K in keyof Schemas]: z.output<Schemas[K]> }[keyof Schemas];
/** What callers may pass as a DefectDojo event (ids as strings or integers, `at` as ISO string or `Date`). */
export type DefectDojoEventInput = { [K in keyof Schemas]: z.input<Schemas[K]> }[keyof Schemas] & { readonly at: InstantInput };


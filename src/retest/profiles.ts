/**
 * What each built-in lifecycle's retest is: the status that finishes an engagement, the one that cancels it, the
 * request a host sends, and the scope the retest copies from its parent (the creation event it is made with).
 */
import * as z from 'zod';
import { baseEventShape, calendarDateSchema, eager, lazyObject, readonlyArray, type EngagementState } from '../core/index.js';
import { plextrac, type PlextracState, type PlextracEventInput } from '../plextrac/index.js';
import { defectdojo, defectDojoStatusSchema, refInputSchema, type DefectDojoState, type DefectDojoEventInput } from '../defectdojo/lifecycle/index.js';

/** The fields every retest request has: when, an optional id for the retest, who and why. */
const requestBase = /* @__PURE__ */ lazyObject(() => ({ ...baseEventShape, id: z.string().min(1).optional() }));

/** The longest name DefectDojo stores (`Engagement.name`, 300 characters). */
const DEFECTDOJO_NAME_MAX = 300;

/**
 * The retest's default name: the parent's, with " (retest N)". Cut to `max` characters without splitting a
 * surrogate pair, so that the suffix always fits.
 */
export function retestName(parentName: string, round: number, max = Infinity): string {
  const suffix = ` (retest ${round})`;
  let head = parentName;
  if (head.length + suffix.length > max) {
    head = head.slice(0, Math.max(0, max - suffix.length));
    const last = head.charCodeAt(head.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  }
  return `${head}${suffix}`;
}

/** A lifecycle's retests, as the generic code needs them. */
export interface RetestProfile<St extends EngagementState, Req> {
  readonly lifecycle: { readonly id: string };
  /** The status of a finished engagement: only a finished engagement can be retested. */
  readonly finished: St['status'];
  /** The status of a cancelled engagement. */
  readonly cancelled: St['status'];
  readonly requestSchema: z.ZodType<Req, unknown>;
  /** The creation event of round `round`'s retest of `parent`: the parent's scope, the request's own fields. */
  childEvent(parent: St, request: Req, round: number): unknown;
}

/** The schema of a PlexTrac retest request. */
export const plextracRetestRequestSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  ...requestBase,
  /** The retest's start date: it is Scheduled until then, In Progress from then (in the tenant's zone). */
  startDate: eager(calendarDateSchema),
  /** Default: the parent's name with " (retest N)". */
  name: z.string().optional(),
  /** Default: the parent's operators, who know the findings. */
  operators: readonlyArray(z.string().min(1)).optional(),
}));

/** A PlexTrac retest request, validated. */
export type PlextracRetestRequest = z.output<typeof plextracRetestRequestSchema>;
/** A PlexTrac retest request as callers give it. */
export type PlextracRetestRequestInput = z.input<typeof plextracRetestRequestSchema>;

/**
 * PlexTrac: the retest is created approved (`schedule`), with a new Draft report of its own, for the parent's
 * client, with the parent's operators unless the request names others. Not copied: the report's status (the
 * retest reports anew), the start date (the retest has its own), who requested the parent.
 */
export const plextracProfile: RetestProfile<PlextracState, PlextracRetestRequest> = {
  lifecycle: plextrac,
  finished: 'Complete',
  cancelled: 'Canceled',
  requestSchema: plextracRetestRequestSchema,
  childEvent: (parent, request, round) => {
    const { startDate, name, operators, ...base } = request;
    return {
      ...base,
      type: 'schedule',
      clientId: parent.data.clientId,
      name: name ?? retestName(parent.data.name, round),
      startDate,
      operators: [...(operators ?? parent.data.operators)],
    } satisfies PlextracEventInput;
  },
};

/** The statuses a DefectDojo retest may start in: any but Completed and Cancelled. */
const openDojoStatus = /* @__PURE__ */ lazyObject(() => eager(defectDojoStatusSchema).exclude(['Completed', 'Cancelled']));

/** The schema of a DefectDojo retest request. */
export const defectDojoRetestRequestSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  ...requestBase,
  targetStart: eager(calendarDateSchema),
  targetEnd: eager(calendarDateSchema),
  /** Default: the parent's name with " (retest N)", cut to DefectDojo's 300 characters. */
  name: z.string().max(DEFECTDOJO_NAME_MAX).optional(),
  /** Default: the parent's lead. */
  lead: eager(refInputSchema).nullable().optional(),
  /** Default: Not Started, as every new DefectDojo engagement. */
  status: eager(openDojoStatus).optional(),
}));

/** A DefectDojo retest request, validated. */
export type DefectDojoRetestRequest = z.output<typeof defectDojoRetestRequestSchema>;
/** A DefectDojo retest request as callers give it. */
export type DefectDojoRetestRequestInput = z.input<typeof defectDojoRetestRequestSchema>;

/**
 * DefectDojo: the retest is a new engagement of the same product, with the parent's type, lead, requester,
 * preset, report type, test strategy, testing flags, deduplication setting, tags and the product's Jira project;
 * its `reason` field says which engagement it retests. Not copied: the dates, the status, the progress, the
 * description and version, the CI/CD build fields (a retest tests a new build), the tracker, the engagement's own
 * Jira project and epic (the retest gets its own), and tests and findings (the host adds the tests it reruns).
 */
export const defectDojoProfile: RetestProfile<DefectDojoState, DefectDojoRetestRequest> = {
  lifecycle: defectdojo,
  finished: 'Completed',
  cancelled: 'Cancelled',
  requestSchema: defectDojoRetestRequestSchema,
  childEvent: (parent, request, round) => {
    const { targetStart, targetEnd, name, lead, status, ...base } = request;
    const d = parent.data;
    return {
      ...base,
      type: 'create',
      productId: d.productId,
      productName: d.productName,
      engagementType: d.engagementType,
      name: name ?? retestName(d.name, round, DEFECTDOJO_NAME_MAX),
      targetStart,
      targetEnd,
      status: status ?? 'Not Started',
      lead: lead === undefined ? d.lead : lead,
      requester: d.requester,
      preset: d.preset,
      reportType: d.reportType,
      testStrategy: d.testStrategy,
      threatModel: d.threatModel,
      apiTest: d.apiTest,
      penTest: d.penTest,
      checkList: d.checkList,
      deduplicationOnEngagement: d.deduplicationOnEngagement,
      tags: [...d.tags],
      engagementReason: `Retest of engagement ${parent.id}`.slice(0, 2000),
      jira: { project: null, assetProject: d.jira.assetProject, epic: null },
    } satisfies DefectDojoEventInput;
  },
};

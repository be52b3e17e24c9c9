/**
 * `engagement-lifecycle/retest`: retests as child engagements of a finished PlexTrac or DefectDojo engagement,
 * linked by `parentId` (PwnDoc's `type: retest`), with the parent's rules while a retest is open (`RETEST_RULES`).
 */
import type { DefectDojoEffect, DefectDojoEventInput, DefectDojoSettingsInput, DefectDojoState } from '../defectdojo/lifecycle/index.js';
import type { PlextracEffect, PlextracEventInput, PlextracSettings, PlextracState } from '../plextrac/index.js';
import { defectDojoProfile, plextracProfile, type DefectDojoRetestRequestInput, type PlextracRetestRequestInput } from './profiles.js';
import { defineRetests } from './retests.js';
import type { Retests } from './types.js';

export { RETEST_OUTCOMES, openRetests, parseRetestFamily, retestFamilySchema, safeParseRetestFamily } from './family.js';
export type { RetestFamily, RetestLink, RetestOutcome } from './family.js';
export { RETEST_RULES, retestPolicySchema } from './rules.js';
export type { RetestOperation, RetestPolicy, RetestPolicyInput, RetestRule } from './rules.js';
export { defectDojoRetestRequestSchema, plextracRetestRequestSchema } from './profiles.js';
export type { DefectDojoRetestRequest, DefectDojoRetestRequestInput, PlextracRetestRequest, PlextracRetestRequestInput } from './profiles.js';
export type { RetestApplied, RetestClosedDraft, RetestFamilyEffect, RetestOptions, RetestRequested, RetestRequestedDraft, RetestSettled, Retests } from './types.js';

/** Retests of PlexTrac engagements: requested on a Complete engagement, created approved with a Draft report of their own. */
export const plextracRetests: Retests<PlextracState, PlextracEventInput, PlextracEffect, PlextracRetestRequestInput, Partial<PlextracSettings>> =
  /* @__PURE__ */ defineRetests(plextracProfile);

/** Retests of DefectDojo engagements: requested on a Completed engagement, created in the same product. */
export const defectDojoRetests: Retests<DefectDojoState, DefectDojoEventInput, DefectDojoEffect, DefectDojoRetestRequestInput, DefectDojoSettingsInput> =
  /* @__PURE__ */ defineRetests(defectDojoProfile);

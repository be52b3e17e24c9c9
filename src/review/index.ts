/** `engagement-lifecycle/review`: report review as a lifecycle, and its composition with PlexTrac's engagement. */
export { REVIEW_STATUSES } from './statuses.js';
export type { ReviewStatus } from './statuses.js';
export { reviewSettingsSchema } from './settings.js';
export type { ReviewSettings, ReviewSettingsInput } from './settings.js';
export { LOCKED_STATUSES, fourEyesRefusal, hasEnoughApprovals, isOwnReport, lockedEditRefusal, unapprovedPublishRefusal } from './rules.js';
export type { ReviewPeople } from './rules.js';
export { review, reviewDataSchema, reviewDeclaration, reviewEventSchemas } from './lifecycle.js';
export type { ReviewData, ReviewEvent, ReviewEventBody, ReviewEventInput, ReviewState } from './lifecycle.js';
export { driveEngagement, engagementEventOf, engagementEventsOf } from './compose.js';
export type { DrivenEngagement } from './compose.js';

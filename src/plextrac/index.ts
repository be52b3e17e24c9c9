/** `engagement-lifecycle/plextrac`: PlexTrac's six-state engagement lifecycle. */
export { PLEXTRAC_STATUSES, REPORT_STATUSES, REVIEW_REPORT_STATUSES, reportStatusSchema, plextracStatusSchema } from './statuses.js';
export type { PlextracStatus, ReportStatus } from './statuses.js';
export { derive, deriveStatus } from './derive.js';
export type { DeriveInput, PlextracFacts } from './derive.js';
export {
  plextrac,
  plextracDeclaration,
  plextracDataSchema,
  plextracEventSchemas,
  plextracSettingsSchema,
} from './lifecycle.js';
export type {
  AssignOperatorsDraft,
  CreateReportDraft,
  PlextracData,
  PlextracEffect,
  PlextracEffectDraft,
  PlextracEvent,
  PlextracEventInput,
  PlextracSettings,
  PlextracState,
} from './lifecycle.js';
// The webhook's helpers (header lookup, signature bytes) stay internal: receivePlextracWebhook is the one way in.
export { PLEXTRAC_SIGNATURE_HEADER, PLEXTRAC_WEBHOOK_EVENTS, plextracWebhookPayloadSchema, receivePlextracWebhook } from './webhook/index.js';
export type { HeaderSource, PlextracWebhookDelivery, PlextracWebhookPayload, ReceivedPlextracWebhook, SeenDeliveries } from './webhook/index.js';

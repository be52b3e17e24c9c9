/**
 * `engagement-lifecycle/defectdojo`: DefectDojo's eight-state engagement lifecycle (`./lifecycle/`) and the
 * engagement aggregate on top of it (`./aggregate/`). The package's explicit list of public names.
 */
export { DEFECTDOJO_STATUSES, CLOSED_STATUSES, ENGAGEMENT_TYPES, defectDojoStatusSchema, engagementTypeSchema, isClosedStatus } from './lifecycle/index.js';
export type { DefectDojoStatus, EngagementType } from './lifecycle/index.js';
export { DEFAULT_DEFECTDOJO_SETTINGS, WRITE_POLICIES, defectDojoSettingsSchema } from './lifecycle/index.js';
export type { DefectDojoSettings, DefectDojoSettingsInput, WritePolicy } from './lifecycle/index.js';
export { DATE_ORDER_MESSAGE, defectDojoDataSchema, normaliseTags } from './lifecycle/index.js';
export type { ClockMarks, DefectDojoData, EditableFields } from './lifecycle/index.js';
export { engagementJiraSchema, jiraEpicSchema, jiraProjectSettingsSchema, shouldCloseEpic } from './lifecycle/index.js';
export type { EngagementJira, JiraEpic, JiraProjectSettings, ResolvedJiraSettings } from './lifecycle/index.js';
export { NOTIFICATION_EVENTS, formatTargetDate } from './lifecycle/index.js';
export type { NotificationDraft, NotificationEvent } from './lifecycle/index.js';
export { WRITE_OPERATIONS } from './lifecycle/index.js';
export type { WriteOperation } from './lifecycle/index.js';
export { relativeDelta } from './lifecycle/index.js';
export { canWrite, isOverdue, overdueText } from './lifecycle/index.js';
export { defectdojo, defectDojoDeclaration, defectDojoEventSchemas } from './lifecycle/index.js';
export type {
  DefectDojoEffect,
  DefectDojoEffectDraft,
  DefectDojoEvent,
  DefectDojoEventInput,
  DefectDojoState,
  JiraCloseEpicDraft,
} from './lifecycle/index.js';

/* The engagement aggregate: its index is the explicit list of its public names, stated there once. */
export * from './aggregate/index.js';

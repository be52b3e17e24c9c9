/** `engagement-lifecycle/defectdojo`: DefectDojo's eight-state engagement lifecycle. */
export { DEFECTDOJO_STATUSES, CLOSED_STATUSES, ENGAGEMENT_TYPES, defectDojoStatusSchema, engagementTypeSchema, isClosedStatus } from './statuses.js';
export type { DefectDojoStatus, EngagementType } from './statuses.js';
export { DEFAULT_DEFECTDOJO_SETTINGS, WRITE_POLICIES, defectDojoSettingsSchema } from './settings.js';
export type { DefectDojoSettings, DefectDojoSettingsInput, WritePolicy } from './settings.js';
export { DATE_ORDER_MESSAGE, defectDojoDataSchema, normaliseTags } from './model.js';
export type { ClockMarks, DefectDojoData, EditableFields } from './model.js';
export { engagementJiraSchema, jiraEpicSchema, jiraProjectSettingsSchema, resolveJiraSettings, shouldCloseEpic } from './jira.js';
export type { EngagementJira, JiraEpic, JiraProjectSettings, ResolvedJiraSettings } from './jira.js';
export { NOTIFICATION_EVENTS, formatTargetDate } from './notifications.js';
export type { NotificationDraft, NotificationEvent } from './notifications.js';
export { WRITE_OPERATIONS } from './policy.js';
export type { WriteOperation } from './policy.js';
export { relativeDelta } from './clock.js';
export { canWrite, isOverdue, overdueText } from './queries.js';
export { defectdojo, defectDojoDeclaration, defectDojoEventSchemas } from './lifecycle.js';
export type {
  DefectDojoEffect,
  DefectDojoEffectDraft,
  DefectDojoEvent,
  DefectDojoEventInput,
  DefectDojoState,
  JiraCloseEpicDraft,
} from './lifecycle.js';

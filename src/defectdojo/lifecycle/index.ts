/**
 * DefectDojo's engagement lifecycle, without the engagement aggregate: its statuses, settings, data, events, the
 * declaration and its two engines, the time rules, notifications and queries. The aggregate folder and the testing
 * kit import the lifecycle from here, so that loading them never loads the aggregate's schemas, copy, delete and
 * record code. The package entry (`../index.ts`) chooses which of these names are public.
 */
export { CLOSED_STATUSES, DEFECTDOJO_STATUSES, ENGAGEMENT_TYPES, defectDojoStatusSchema, engagementTypeSchema, isClosedStatus } from './statuses.js';
export type { DefectDojoStatus, EngagementType } from './statuses.js';
export { DEFAULT_DEFECTDOJO_SETTINGS, WRITE_POLICIES, defectDojoSettingsSchema } from './settings.js';
export type { DefectDojoSettings, DefectDojoSettingsInput, WritePolicy } from './settings.js';
export { DATE_ORDER_MESSAGE, NEW_ENGAGEMENT_DEFAULTS, applyEdits, defectDojoDataSchema, editableShape, normaliseTags, refInputSchema } from './model.js';
export type { ClockMarks, DefectDojoData, EditableFields } from './model.js';
export { NO_JIRA, engagementJiraSchema, jiraEpicSchema, jiraProjectSettingsSchema, resolveJiraFields, shouldCloseEpic } from './jira.js';
export type { EngagementJira, JiraEpic, JiraProjectSettings, ResolvedJiraSettings } from './jira.js';
export { closeEpic } from './close-epic.js';
export type { JiraCloseEpicDraft } from './close-epic.js';
export {
  NOTIFICATION_EVENTS,
  autoCloseEngagement,
  engagementAdded,
  engagementClosed,
  engagementCopied,
  engagementDeleted,
  engagementExpired,
  engagementReopened,
  formatTargetDate,
  staleEngagement,
  upcomingEngagement,
} from './notifications.js';
export type { NotificationDraft, NotificationEvent } from './notifications.js';
export { WRITE_OPERATIONS, writeRefusal } from './policy.js';
export type { WriteOperation } from './policy.js';
export { graceDays, overdueAt, overdueFrom, overdueTextAtMs, relativeDelta, withOverdue } from './overdue.js';
export { AUTO_CLOSE, TIME_RULES, nextDueMs, ruleApplies, ruleDue, runTimeRules } from './time-rules.js';
export type { ClockOutcome, TimeRule, TimeRuleEffect } from './time-rules.js';
export { dateOrderIssues, defectDojoEventSchemas } from './events.js';
export type { DefectDojoEvent, DefectDojoEventInput } from './events.js';
export { defectDojoDeclaration, defectdojo } from './declaration.js';
export type { DefectDojoEffect, DefectDojoEffectDraft, DefectDojoState } from './declaration.js';
export { canWrite, isOverdue, overdueText } from './queries.js';

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

/* The engagement aggregate: hierarchy, validation, CI/CD, copy, delete, Jira, access, records, listings. */
export {
  FILE_TITLE_MAX,
  FINDING_SEVERITIES,
  assetSchema,
  endpointStatusSchema,
  fileUploadSchema,
  findingSchema,
  noteSchema,
  organizationSchema,
  riskAcceptanceSchema,
  tagsSchema,
  testSchema,
} from './hierarchy.js';
export type {
  Asset,
  AssetInput,
  EndpointStatus,
  EndpointStatusInput,
  FileUpload,
  FileUploadInput,
  Finding,
  FindingInput,
  FindingSeverity,
  Note,
  NoteInput,
  Organization,
  OrganizationInput,
  RiskAcceptance,
  RiskAcceptanceInput,
  Test,
  TestInput,
} from './hierarchy.js';
export { RECORD_KINDS, parseEngagementAggregate } from './aggregate.js';
export type { EngagementAggregate, EngagementAggregateInput, RecordKind } from './aggregate.js';
export { editEngagement, newEngagement } from './validation.js';
export type { EngagementEditInput, NewEngagementInput } from './validation.js';
export {
  CI_CD_DEFAULT_DAYS,
  INCONSISTENT_IDENTIFIERS_MESSAGE,
  adHocImportEngagement,
  adHocImportName,
  autoCreateEngagement,
  ciCdTargetEnd,
  findImportEngagement,
  importTarget,
} from './cicd.js';
export type { AdHocImportInput, AutoCreateInput, ImportLookup, ImportTarget } from './cicd.js';
export { CLONE_SUFFIX, cloneFileTitle, copyEngagement } from './copy.js';
export type { CopyMapping, CopyOptions, CopyOutcome } from './copy.js';
export { JIRA_EPIC_LINK_KIND, JIRA_PROJECT_KIND, planEngagementDelete } from './delete.js';
export type { DeleteOptions } from './delete.js';
export { engagementJiraSettings } from './engagement-jira.js';
export { DEFECTDOJO_ROLES, ENGAGEMENT_ACTIONS, ROLE_ACTIONS, canAccessEngagement, filterAccessibleEngagements } from './access.js';
export type { AccessGrants, AccessOptions, DefectDojoRole, EngagementAction } from './access.js';
export { DRIFT_KINDS, READ_ONLY_FIELDS, engagementRequestBody, engagementToRecord, parseEngagementRecord } from './records.js';
export type {
  DefectDojoEngagementBody,
  DefectDojoEngagementRecord,
  DriftKind,
  ParseRecordOptions,
  ParsedEngagementRecord,
  RecordDrift,
} from './records.js';
export { calendarEntries, engagementBuckets } from './calendar.js';
export type { CalendarEntry, CalendarQuery, EngagementBuckets } from './calendar.js';

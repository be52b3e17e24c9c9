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
} from './aggregate/index.js';
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
} from './aggregate/index.js';
export { RECORD_KINDS, parseEngagementAggregate } from './aggregate/index.js';
export type { EngagementAggregate, EngagementAggregateInput, RecordKind } from './aggregate/index.js';
export { editEngagement, newEngagement } from './aggregate/index.js';
export type { EngagementEditInput, NewEngagementInput } from './aggregate/index.js';
export {
  CI_CD_DEFAULT_DAYS,
  INCONSISTENT_IDENTIFIERS_MESSAGE,
  adHocImportEngagement,
  adHocImportName,
  autoCreateEngagement,
  ciCdTargetEnd,
  findImportEngagement,
  importTarget,
} from './aggregate/index.js';
export type { AdHocImportInput, AutoCreateInput, ImportLookup, ImportTarget } from './aggregate/index.js';
export { CLONE_SUFFIX, cloneFileTitle, copyEngagement } from './aggregate/index.js';
export type { CopyMapping, CopyOptions, CopyOutcome } from './aggregate/index.js';
export { JIRA_EPIC_LINK_KIND, JIRA_PROJECT_KIND, planEngagementDelete } from './aggregate/index.js';
export type { DeleteOptions } from './aggregate/index.js';
export { engagementJiraSettings, resolveJiraSettings } from './aggregate/index.js';
export { DEFECTDOJO_ROLES, ENGAGEMENT_ACTIONS, ROLE_ACTIONS, canAccessEngagement, filterAccessibleEngagements } from './aggregate/index.js';
export type { AccessGrants, AccessOptions, DefectDojoRole, EngagementAction } from './aggregate/index.js';
export { DRIFT_KINDS, READ_ONLY_FIELDS, engagementRequestBody, engagementToRecord, parseEngagementRecord } from './aggregate/index.js';
export type {
  DefectDojoEngagementBody,
  DefectDojoEngagementRecord,
  DriftKind,
  ParseRecordOptions,
  ParsedEngagementRecord,
  RecordDrift,
} from './aggregate/index.js';
export { calendarEntries, engagementBuckets } from './aggregate/index.js';
export type { CalendarEntry, CalendarQuery, EngagementBuckets } from './aggregate/index.js';

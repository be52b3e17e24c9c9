/**
 * The DefectDojo engagement aggregate, a second stack on the lifecycle: the hierarchy an engagement sits in (asset,
 * tests, findings, notes, files, risk acceptances), validated creation and edits, CI/CD imports, copy, delete plans,
 * Jira settings in force, access, DefectDojo API records and calendar listings. It imports the lifecycle through
 * `../lifecycle/index.ts`; the lifecycle never imports it.
 *
 * This is the aggregate's explicit list of public names: `src/defectdojo/index.ts` re-exports all of it, so a name
 * listed here is part of the package API (internal helpers are imported from their own files instead).
 */
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
export { CLONE_SUFFIX, cloneFileTitle, copyEngagement } from './copy-engagement.js';
export type { CopyMapping, CopyOptions, CopyOutcome } from './copy-engagement.js';
export { JIRA_EPIC_LINK_KIND, JIRA_PROJECT_KIND, planEngagementDelete } from './delete.js';
export type { DeleteOptions } from './delete.js';
export { engagementJiraSettings, resolveJiraSettings } from './jira-settings.js';
export { DEFECTDOJO_ROLES, ENGAGEMENT_ACTIONS, ROLE_ACTIONS, canAccessEngagement, filterAccessibleEngagements } from './access.js';
export type { AccessGrants, AccessOptions, DefectDojoRole, EngagementAction } from './access.js';
export { DRIFT_KINDS, READ_ONLY_FIELDS, parseEngagementRecord } from './records.js';
export { engagementRequestBody, engagementToRecord } from './record-export.js';
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

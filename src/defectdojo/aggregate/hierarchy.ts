/**
 * DefectDojo's object hierarchy around an engagement: Organization → Asset → Engagement → Test → Finding
 * (DefectDojo's code calls the first two Product Type and Product), with the notes, files, endpoint statuses and
 * risk acceptances that hang off them. The engagement itself is the lifecycle state (`DefectDojoState`); these are
 * the objects it contains. Field names are DefectDojo's in camelCase; ids are strings (DefectDojo's integers are
 * accepted and turned into strings). Schemas are strict: a misspelt field is reported, not dropped.
 */
import * as z from 'zod';
import { calendarDateSchema, instantSchema, type CalendarDate, type Instant, eager, lazyObject } from '../../core/index.js';
import {
  jiraProjectSettingsSchema,
  normaliseTags,
  refInputSchema,
  type JiraProjectSettings,
} from '../lifecycle/index.js';

const text = /* @__PURE__ */ lazyObject(() => z.string().nullable().default(null));
const ref = /* @__PURE__ */ lazyObject(() => eager(refInputSchema).nullable().default(null));
/** DefectDojo's tag fields force lower case; kept once each. */
export const tagsSchema = /* @__PURE__ */ lazyObject(() => z
  .array(z.string().max(100))
  .default([])
  .transform((tags) => normaliseTags(tags)));

/* ---------- Organization and Asset ---------- */

/** DefectDojo's Product Type: a group of assets. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

/** The schema as zod types it (`organizationSchema` is its public face); exported for the type test that ties it to the interface. */
export const organizationShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  name: z.string().min(1).max(255),
  description: z.string().max(4000).nullable().default(null),
}));
/** What `organizationSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type OrganizationInput = z.input<typeof organizationShape>;
/** Validates an organization (DefectDojo Product Type); ids as strings. */
export const organizationSchema: z.ZodType<Organization, OrganizationInput> = organizationShape;

/** DefectDojo's Product: what engagements test. Access to an asset is access to all its engagements. */
export interface Asset {
  readonly id: string;
  readonly name: string;
  readonly organizationId: string;
  readonly description: string | null;
  readonly tags: readonly string[];
  /** The asset's Jira project settings, which its engagements inherit field by field. */
  readonly jira: JiraProjectSettings | null;
}

/** The schema as zod types it (`assetSchema` is its public face); exported for the type test that ties it to the interface. */
export const assetShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  name: z.string().min(1).max(255),
  organizationId: eager(refInputSchema),
  description: z.string().max(4000).nullable().default(null),
  tags: eager(tagsSchema),
  jira: eager(jiraProjectSettingsSchema).nullable().default(null),
}));
/** What `assetSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type AssetInput = z.input<typeof assetShape>;
/** Validates an asset (DefectDojo Product) with its Jira settings; tags normalised. */
export const assetSchema: z.ZodType<Asset, AssetInput> = assetShape;

/* ---------- Notes and files ---------- */

/** A note on an engagement, a test, a finding or a risk acceptance. */
export interface Note {
  readonly id: string;
  readonly entry: string;
  readonly author: string | null;
  readonly date: Instant | null;
  readonly private: boolean;
  readonly noteType: string | null;
  readonly edited: boolean;
  readonly editor: string | null;
  readonly editTime: Instant | null;
}

/** The schema as zod types it (`noteSchema` is its public face); exported for the type test that ties it to the interface. */
export const noteShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  entry: z.string().min(1, 'a note needs some text'),
  author: eager(ref),
  date: eager(instantSchema).nullable().default(null),
  private: z.boolean().default(false),
  noteType: eager(text),
  edited: z.boolean().default(false),
  editor: eager(ref),
  editTime: eager(instantSchema).nullable().default(null),
}));
/** What `noteSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type NoteInput = z.input<typeof noteShape>;
/** Validates a note on an engagement, test or finding. */
export const noteSchema: z.ZodType<Note, NoteInput> = noteShape;

/** DefectDojo's `FileUpload`: a title (at most 100 characters) and the stored file. */
export interface FileUpload {
  readonly id: string;
  readonly title: string;
  /** Where the host stores the file (a path or URL). */
  readonly file: string | null;
}

/** DefectDojo's longest file title (a copy's title is cut to fit it). */
export const FILE_TITLE_MAX = 100;

/** The schema as zod types it (`fileUploadSchema` is its public face); exported for the type test that ties it to the interface. */
export const fileUploadShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  title: z.string().min(1).max(FILE_TITLE_MAX),
  file: eager(text),
}));
/** What `fileUploadSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type FileUploadInput = z.input<typeof fileUploadShape>;
/** Validates a file attached to an engagement, test or finding. */
export const fileUploadSchema: z.ZodType<FileUpload, FileUploadInput> = fileUploadShape;

/* ---------- Findings ---------- */

export const FINDING_SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
/** One of `FINDING_SEVERITIES`. */
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** A finding's status at one endpoint (DefectDojo's `Endpoint_Status`); the endpoint itself belongs to the asset. */
export interface EndpointStatus {
  readonly id: string;
  readonly endpointId: string;
  readonly date: CalendarDate | null;
  readonly mitigated: boolean;
  readonly falsePositive: boolean;
  readonly outOfScope: boolean;
  readonly riskAccepted: boolean;
}

/** The schema as zod types it (`endpointStatusSchema` is its public face); exported for the type test that ties it to the interface. */
export const endpointStatusShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  endpointId: eager(refInputSchema),
  date: eager(calendarDateSchema).nullable().default(null),
  mitigated: z.boolean().default(false),
  falsePositive: z.boolean().default(false),
  outOfScope: z.boolean().default(false),
  riskAccepted: z.boolean().default(false),
}));
/** What `endpointStatusSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type EndpointStatusInput = z.input<typeof endpointStatusShape>;
/** Validates the status of a finding on an endpoint. */
export const endpointStatusSchema: z.ZodType<EndpointStatus, EndpointStatusInput> = endpointStatusShape;

/**
 * A finding. Its status flags are its own lifecycle: closing, reopening or copying the engagement never changes
 * them (DefectDojo's close touches only the engagement's `active` and `status`).
 */
export interface Finding {
  readonly id: string;
  readonly title: string;
  readonly severity: FindingSeverity;
  readonly description: string | null;
  readonly date: CalendarDate | null;
  readonly cwe: number | null;
  readonly cvssv3: string | null;
  /** DefectDojo's `hash_code`, the deduplication key; risk acceptances are re-linked by it on copy. */
  readonly hashCode: string | null;
  readonly uniqueIdFromTool: string | null;
  readonly vulnIdFromTool: string | null;
  readonly vulnerabilityIds: readonly string[];
  readonly componentName: string | null;
  readonly componentVersion: string | null;
  readonly filePath: string | null;
  readonly line: number | null;
  readonly active: boolean;
  readonly verified: boolean;
  readonly falsePositive: boolean;
  readonly duplicate: boolean;
  /** The original this finding duplicates (it may be in another engagement). */
  readonly duplicateFinding: string | null;
  readonly outOfScope: boolean;
  readonly riskAccepted: boolean;
  readonly underReview: boolean;
  readonly isMitigated: boolean;
  readonly mitigated: Instant | null;
  readonly mitigatedBy: string | null;
  readonly reporter: string | null;
  readonly reviewers: readonly string[];
  /** The test types that found it. */
  readonly foundBy: readonly string[];
  readonly tags: readonly string[];
  readonly notes: readonly Note[];
  readonly files: readonly FileUpload[];
  readonly endpoints: readonly EndpointStatus[];
}

/** The schema as zod types it (`findingSchema` is its public face); exported for the type test that ties it to the interface. */
export const findingShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  title: z.string().min(1).max(511),
  severity: z.enum(FINDING_SEVERITIES),
  description: eager(text),
  date: eager(calendarDateSchema).nullable().default(null),
  cwe: z.number().int().nonnegative().nullable().default(null),
  cvssv3: z.string().max(117).nullable().default(null),
  hashCode: z.string().max(64).nullable().default(null),
  uniqueIdFromTool: eager(text),
  vulnIdFromTool: eager(text),
  vulnerabilityIds: z.array(z.string().min(1)).default([]),
  componentName: eager(text),
  componentVersion: eager(text),
  filePath: eager(text),
  line: z.number().int().nullable().default(null),
  active: z.boolean().default(true),
  verified: z.boolean().default(false),
  falsePositive: z.boolean().default(false),
  duplicate: z.boolean().default(false),
  duplicateFinding: eager(ref),
  outOfScope: z.boolean().default(false),
  riskAccepted: z.boolean().default(false),
  underReview: z.boolean().default(false),
  isMitigated: z.boolean().default(false),
  mitigated: eager(instantSchema).nullable().default(null),
  mitigatedBy: eager(ref),
  reporter: eager(ref),
  reviewers: z.array(eager(refInputSchema)).default([]),
  foundBy: z.array(z.string().min(1)).default([]),
  tags: eager(tagsSchema),
  notes: z.array(noteSchema).default([]),
  files: z.array(fileUploadSchema).default([]),
  endpoints: z.array(endpointStatusSchema).default([]),
}));
/** What `findingSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type FindingInput = z.input<typeof findingShape>;
/** Validates a finding, with its endpoint statuses. */
export const findingSchema: z.ZodType<Finding, FindingInput> = findingShape;

/* ---------- Tests ---------- */

/** A test: one scan import or one manual testing effort inside an engagement. */
export interface Test {
  readonly id: string;
  readonly title: string | null;
  /** DefectDojo's test type, e.g. "Nmap Scan" or "Manual Code Review". */
  readonly testType: string;
  readonly scanType: string | null;
  readonly description: string | null;
  readonly targetStart: Instant;
  readonly targetEnd: Instant;
  readonly percentComplete: number | null;
  /** The environment tested, e.g. "Staging" or "Production". */
  readonly environment: string | null;
  readonly lead: string | null;
  readonly version: string | null;
  readonly buildId: string | null;
  readonly commitHash: string | null;
  readonly branchTag: string | null;
  readonly tags: readonly string[];
  readonly notes: readonly Note[];
  readonly files: readonly FileUpload[];
  readonly findings: readonly Finding[];
}

/** The schema as zod types it (`testSchema` is its public face); exported for the type test that ties it to the interface. */
export const testShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  title: z.string().max(255).nullable().default(null),
  testType: z.string().min(1),
  scanType: eager(text),
  description: eager(text),
  targetStart: eager(instantSchema),
  targetEnd: eager(instantSchema),
  percentComplete: z.number().int().min(0).max(100).nullable().default(null),
  environment: eager(text),
  lead: eager(ref),
  version: z.string().max(100).nullable().default(null),
  buildId: z.string().max(150).nullable().default(null),
  commitHash: z.string().max(150).nullable().default(null),
  branchTag: z.string().max(150).nullable().default(null),
  tags: eager(tagsSchema),
  notes: z.array(noteSchema).default([]),
  files: z.array(fileUploadSchema).default([]),
  findings: z.array(findingSchema).default([]),
}));
/** What `testSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type TestInput = z.input<typeof testShape>;
/** Validates a test of an engagement. */
export const testSchema: z.ZodType<Test, TestInput> = testShape;

/* ---------- Risk acceptances ---------- */

/**
 * A risk acceptance linked to the engagement. It outlives the engagement: deleting the engagement only unlinks it.
 */
export interface RiskAcceptance {
  readonly id: string;
  readonly name: string;
  readonly recommendation: string | null;
  readonly recommendationDetails: string | null;
  readonly decision: string | null;
  readonly decisionDetails: string | null;
  readonly acceptedBy: string | null;
  readonly owner: string | null;
  readonly expirationDate: Instant | null;
  readonly expirationDateHandled: Instant | null;
  readonly reactivateExpired: boolean;
  readonly restartSlaExpired: boolean;
  /** Ids of findings of this engagement it accepts. */
  readonly acceptedFindings: readonly string[];
  readonly notes: readonly Note[];
}

/** The schema as zod types it (`riskAcceptanceSchema` is its public face); exported for the type test that ties it to the interface. */
export const riskAcceptanceShape = /* @__PURE__ */ lazyObject(() => z.strictObject({
  id: eager(refInputSchema),
  name: z.string().min(1).max(300),
  recommendation: eager(text),
  recommendationDetails: eager(text),
  decision: eager(text),
  decisionDetails: eager(text),
  acceptedBy: z.string().max(200).nullable().default(null),
  owner: eager(ref),
  expirationDate: eager(instantSchema).nullable().default(null),
  expirationDateHandled: eager(instantSchema).nullable().default(null),
  reactivateExpired: z.boolean().default(true),
  restartSlaExpired: z.boolean().default(false),
  acceptedFindings: z.array(eager(refInputSchema)).default([]),
  notes: z.array(noteSchema).default([]),
}));
/** What `riskAcceptanceSchema` accepts: DefectDojo integer ids, instants as `Date`s, defaults left out. */
export type RiskAcceptanceInput = z.input<typeof riskAcceptanceShape>;
/** Validates a risk acceptance and the findings it accepts. */
export const riskAcceptanceSchema: z.ZodType<RiskAcceptance, RiskAcceptanceInput> = riskAcceptanceShape;

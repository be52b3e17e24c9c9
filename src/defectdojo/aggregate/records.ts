/**
 * Engagements as DefectDojo's REST API v2 sends and takes them (`/api/v2/engagements/`): snake_case keys, integer
 * ids, `""` or `null` for empty strings, dates as `YYYY-MM-DD`, `created`/`updated` as UTC instants with
 * microseconds. Parsing gives the library's engagement state plus a drift report; records that break the
 * library's invariants (active out of step with the status, end before start, no status) are accepted and
 * reported, never refused. Exporting gives the record back, or the body DefectDojo accepts on POST and PATCH.
 */
import * as z from 'zod';
import {
  calendarDateSchema,
  deepFreeze,
  failure,
  instantMs,
  instantSchema,
  LifecycleError,
  type CalendarDate,
  type Instant,
  type InstantInput,
  type Result,
  eager,
  lazyObject,
} from '../../core/index.js';
import {
  defectdojo,
  defectDojoStatusSchema,
  engagementTypeSchema,
  isClosedStatus,
  NO_JIRA,
  normaliseTags,
  runTimeRules,
  withOverdue,
  type DefectDojoData,
  type DefectDojoSettingsInput,
  type DefectDojoState,
  type DefectDojoStatus,
  type EngagementType,
} from '../lifecycle/index.js';
import { setOwn } from './plain-data.js';
import { cloneData, safeParseEngagement, safeParseSettings, safeParseWith } from './inputs.js';

/** An engagement as DefectDojo's API returns it (`GET /api/v2/engagements/{id}/`). */
export interface DefectDojoEngagementRecord {
  readonly id: number;
  readonly tags: readonly string[];
  readonly name: string | null;
  readonly description: string | null;
  readonly version: string | null;
  readonly first_contacted: string | null;
  readonly target_start: string;
  readonly target_end: string;
  readonly reason: string | null;
  readonly updated: string | null;
  readonly created: string | null;
  readonly active: boolean;
  readonly tracker: string | null;
  readonly test_strategy: string | null;
  readonly threat_model: boolean;
  readonly api_test: boolean;
  readonly pen_test: boolean;
  readonly check_list: boolean;
  readonly status: DefectDojoStatus | null;
  readonly progress: string | null;
  readonly tmodel_path: string | null;
  readonly done_testing: boolean;
  readonly engagement_type: EngagementType | null;
  readonly build_id: string | null;
  readonly commit_hash: string | null;
  readonly branch_tag: string | null;
  readonly source_code_management_uri: string | null;
  readonly deduplication_on_engagement: boolean;
  readonly lead: number | null;
  readonly requester: number | null;
  readonly preset: number | null;
  readonly report_type: number | null;
  readonly product: number;
  readonly build_server: number | null;
  readonly source_code_management_server: number | null;
  readonly orchestration_engine: number | null;
  readonly [unknown: string]: unknown;
}

/** The body of `POST`/`PATCH /api/v2/engagements/`: the record without its read-only fields. */
export type DefectDojoEngagementBody = Omit<DefectDojoEngagementRecord, (typeof READ_ONLY_FIELDS)[number]> & { readonly [unknown: string]: unknown };

/** Fields DefectDojo's serializer makes read-only (`editable=False` on the model, nested lists, the id). */
export const READ_ONLY_FIELDS = ['id', 'active', 'progress', 'tmodel_path', 'done_testing', 'risk_acceptance', 'created', 'updated', 'notes', 'files', 'prefetch'] as const;

/** Read-only fields the state does not hold: kept in `extra` as DefectDojo sent them. */
/** Read-only lists DefectDojo sends that the library does not model: carried from a record to its export. */
export const CARRIED = ['notes', 'files', 'risk_acceptance', 'prefetch'] as const;

const dojoId = /* @__PURE__ */ lazyObject(() => z.number().int().nonnegative());
const text = (max?: number) => lazyObject(() => (max === undefined ? z.string() : z.string().max(max)).nullable().default(null));
const flag = (fallback: boolean) => lazyObject(() => z.boolean().default(fallback));
const ref = /* @__PURE__ */ lazyObject(() => eager(dojoId).nullable().default(null));
const stamp = /* @__PURE__ */ lazyObject(() => eager(instantSchema).nullable().default(null));

/**
 * The record's fields in DefectDojo's order: `[record key, engagement data key, schema, how it maps]`. `v`: the
 * value as it is; `r`: an integer id in the record, a string in the state; `-`: handled on its own.
 */
export const COLUMNS = [
  ['id', '', dojoId, '-'],
  ['tags', 'tags', lazyObject(() => z.array(z.string()).default([])), '-'],
  ['name', 'name', text(300), '-'],
  ['description', 'description', text(2000), 'v'],
  ['version', 'version', text(100), 'v'],
  ['first_contacted', 'firstContacted', lazyObject(() => eager(calendarDateSchema).nullable().default(null)), 'v'],
  ['target_start', 'targetStart', calendarDateSchema, 'v'],
  ['target_end', 'targetEnd', calendarDateSchema, 'v'],
  ['reason', 'reason', text(2000), 'v'],
  ['updated', '', stamp, '-'],
  ['created', '', stamp, '-'],
  ['active', 'active', flag(true), 'v'],
  ['tracker', 'tracker', text(200), 'v'],
  ['test_strategy', 'testStrategy', text(), 'v'],
  ['threat_model', 'threatModel', flag(true), 'v'],
  ['api_test', 'apiTest', flag(true), 'v'],
  ['pen_test', 'penTest', flag(true), 'v'],
  ['check_list', 'checkList', flag(true), 'v'],
  ['status', '', lazyObject(() => eager(defectDojoStatusSchema).nullable().default(null)), '-'],
  ['progress', 'progress', lazyObject(() => z.string().max(100).nullable().default('threat_model')), '-'],
  ['tmodel_path', 'tmodelPath', lazyObject(() => z.string().max(1000).nullable().default('none')), '-'],
  ['done_testing', 'doneTesting', flag(false), 'v'],
  ['engagement_type', 'engagementType', lazyObject(() => eager(engagementTypeSchema).nullable().default(null)), '-'],
  ['build_id', 'buildId', text(150), 'v'],
  ['commit_hash', 'commitHash', text(150), 'v'],
  ['branch_tag', 'branchTag', text(150), 'v'],
  ['source_code_management_uri', 'sourceCodeManagementUri', text(600), 'v'],
  ['deduplication_on_engagement', 'deduplicationOnEngagement', flag(false), 'v'],
  ['lead', 'lead', ref, 'r'],
  ['requester', 'requester', ref, 'r'],
  ['preset', 'preset', ref, 'r'],
  ['report_type', 'reportType', ref, 'r'],
  ['product', 'productId', dojoId, 'r'],
  ['build_server', 'buildServer', ref, 'r'],
  ['source_code_management_server', 'sourceCodeManagementServer', ref, 'r'],
  ['orchestration_engine', 'orchestrationEngine', ref, 'r'],
] as const;

/** The column table read as a zod shape type: each record key with its own column's schema. */
type RecordShape = { [C in (typeof COLUMNS)[number] as C[0]]: C[2] };
// Object.fromEntries forgets the keys; RecordShape is the same table read by the type system.
const recordSchema = /* @__PURE__ */ lazyObject(() => z.object(Object.fromEntries(COLUMNS.map(([key, , schema]) => [key, eager(schema)])) as RecordShape));

/** A record after its schema: every column typed by that column's schema. */
type ParsedRecord = z.output<typeof recordSchema>;
/** The record keys the library reads; any other key is the record's `extra`. */
export const KNOWN = new Set<string>(COLUMNS.map(([key]) => key));

/** The ways a DefectDojo record can differ from what the library keeps consistent. */
export const DRIFT_KINDS = [
  'missing_status',
  'active_inconsistent',
  'end_before_start',
  'missing_engagement_type',
  'empty_name',
  'tags_not_normalised',
  'missing_timestamp',
  'missing_value',
] as const;
/** One of `DRIFT_KINDS`. */
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One way a record departs from what the library keeps consistent. */
export interface RecordDrift {
  readonly kind: DriftKind;
  /** The record's fields concerned (DefectDojo's names). */
  readonly fields: readonly string[];
  readonly message: string;
  /** The record's value(s). */
  readonly received: unknown;
  /** What the state holds instead, for values a state cannot hold as they are; absent when the state keeps the record's value. */
  readonly assumed?: unknown;
}

/** A parsed record: the engagement state, its drift, and the record's other fields. */
export interface ParsedEngagementRecord {
  readonly engagement: DefectDojoState;
  /** Empty for a record that keeps every rule of the library. */
  readonly drift: readonly RecordDrift[];
  /**
   * What the state does not hold, kept so that `engagementToRecord` gives the record back: unknown keys, the
   * read-only lists (`notes`, `files`, `risk_acceptance`, `prefetch`) and `created`/`updated` as DefectDojo wrote
   * them (to the microsecond).
   */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The options of `parseEngagementRecord`: settings, the instant of reading, a base state. */
export interface ParseRecordOptions {
  /** The tenant's settings: the time zone of the time rules when `now` is given. */
  readonly settings?: DefectDojoSettingsInput;
  /**
   * When the record was read. Without `base`, the time rules are taken as already run at `now` (what was due
   * before is not notified again); with it, `base`'s marks are kept. A record without `created`/`updated` is
   * dated `now`.
   */
  readonly now?: InstantInput;
  /**
   * The engagement as the library last knew it (same id): its version, asset name, Jira settings and time-rule
   * marks — which a record does not carry — are kept. Without it: version 1, no asset name, no Jira, fresh marks.
   */
  readonly base?: DefectDojoState;
}

const parseOptionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ settings: z.unknown().optional(), now: eager(instantSchema).optional(), base: z.unknown().optional() }));

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value the state cannot hold as the record has it: DefectDojo's default (or normal form) is assumed. */
function assumed(kind: DriftKind, field: string, received: unknown, value: unknown): RecordDrift {
  return { kind, fields: [field], message: `${field} ${JSON.stringify(received)} cannot be kept: ${JSON.stringify(value)} is assumed, as DefectDojo would store it.`, received, assumed: value };
}

function driftOf(r: ParsedRecord, status: DefectDojoStatus): RecordDrift[] {
  const drift: RecordDrift[] = [];
  if (r.status === null) drift.push(assumed('missing_status', 'status', null, 'Not Started'));
  if (r.active === isClosedStatus(status)) {
    drift.push({
      kind: 'active_inconsistent',
      fields: ['active', 'status'],
      message: `active is ${String(r.active)} with status "${status}": kept as DefectDojo has it; the next event applied sets it from the status.`,
      received: { active: r.active, status },
    });
  }
  if (r.target_end < r.target_start) {
    drift.push({
      kind: 'end_before_start',
      fields: ['target_start', 'target_end'],
      message: `target_end ${r.target_end} is before target_start ${r.target_start}: both kept; edits are refused until the dates are in order.`,
      received: { target_start: r.target_start, target_end: r.target_end },
    });
  }
  if (r.engagement_type === null) drift.push(assumed('missing_engagement_type', 'engagement_type', null, 'Interactive'));
  if (!r.name) drift.push(assumed('empty_name', 'name', r.name, r.target_start));
  const tags = normaliseTags(r.tags);
  if (tags.length !== r.tags.length || tags.some((t, i) => t !== r.tags[i])) drift.push(assumed('tags_not_normalised', 'tags', r.tags, tags));
  if (r.progress === null) drift.push(assumed('missing_value', 'progress', null, 'threat_model'));
  if (r.tmodel_path === null) drift.push(assumed('missing_value', 'tmodel_path', null, 'none'));
  return drift;
}

/**
 * Parses an engagement record from DefectDojo's REST API v2 into the library's engagement state, with a drift
 * report. The state keeps the record's values wherever the lifecycle can hold them — an `active` flag out of step
 * with the status and an end date before the start stay as DefectDojo has them, reported as drift — and assumes
 * DefectDojo's model defaults for the values it cannot hold (a missing status, type or name, un-normalised
 * tags), reported too. Empty strings stay `""` and nulls stay `null`. Unknown keys are kept in `extra`.
 * Refused (`invalid_input`, naming the field) only when the record cannot describe an engagement: no id,
 * product or dates, a value of the wrong type or an unknown status. Never throws.
 */
export function parseEngagementRecord(record: unknown, options?: ParseRecordOptions): Result<ParsedEngagementRecord> {
  const optsResult = safeParseWith(parseOptionsSchema, options ?? {}, 'record options');
  if (!optsResult.ok) return optsResult;
  const opts = optsResult.value;
  const settingsResult = safeParseSettings(opts.settings);
  if (!settingsResult.ok) return settingsResult;
  const settings = settingsResult.value;
  let base: DefectDojoState | null = null;
  if (opts.base !== undefined) {
    const baseResult = safeParseEngagement(opts.base, ['base']);
    if (!baseResult.ok) return baseResult;
    base = baseResult.value;
  }
  if (!isPlainObject(record)) {
    return failure(new LifecycleError('invalid_input', 'Invalid DefectDojo engagement record: expected a JSON object as /api/v2/engagements/ returns it'));
  }
  const parsedResult = safeParseWith(recordSchema, record, 'DefectDojo engagement record');
  if (!parsedResult.ok) return parsedResult;
  const r = parsedResult.value;
  const id = String(r.id);
  if (base && base.id !== id) {
    return failure(
      new LifecycleError('invalid_input', `The base engagement "${base.id}" is not the record's engagement "${id}": pass the engagement the record describes`, {
        issues: [{ path: ['base', 'id'], message: `expected "${id}", the record's id`, code: 'custom' }],
      }),
    );
  }

  const status: DefectDojoStatus = r.status ?? 'Not Started';
  const drift = driftOf(r, status);
  const createdAt: Instant | undefined = r.created ?? r.updated ?? opts.now;
  const updatedAt: Instant | undefined = r.updated ?? r.created ?? opts.now;
  if (createdAt === undefined || updatedAt === undefined) {
    return failure(
      new LifecycleError('invalid_input', 'The record has neither created nor updated: pass `now` in the options to date the engagement', {
        issues: [{ path: ['created'], message: 'missing: pass options.now to date the engagement', code: 'custom' }],
      }),
    );
  }
  for (const field of ['created', 'updated'] as const) {
    if (r[field] === null) {
      const assumed = field === 'created' ? createdAt : updatedAt;
      drift.push({ kind: 'missing_timestamp', fields: [field], message: `${field} is missing: ${assumed} is assumed.`, received: null, assumed });
    }
  }

  const data: Record<string, unknown> = {
    productName: base?.data.productName ?? null,
    jira: cloneData(base?.data.jira ?? NO_JIRA),
    clock: cloneData(base?.data.clock ?? { overdue: false, upcomingFor: null, staleFor: null, expiredFor: null }),
    name: r.name ? r.name : r.target_start,
    tags: normaliseTags(r.tags),
    engagementType: r.engagement_type ?? 'Interactive',
    progress: r.progress ?? 'threat_model',
    tmodelPath: r.tmodel_path ?? 'none',
  };
  for (const [key, to, , how] of COLUMNS) {
    if (how === 'v') data[to] = r[key];
    else if (how === 'r') data[to] = r[key] === null ? null : String(r[key]);
  }

  // Cast: the data is assembled column by column from the schema-checked record (the column table is not typed
  // field by field); `defectdojo.safeParseState` below validates the whole state before it is returned.
  let engagementData = data as unknown as DefectDojoData;
  if (!base && opts.now !== undefined) {
    // Rules already due at `now` count as done: reading old engagements must not flood notifications.
    const now = instantMs(opts.now);
    const rules = runTimeRules(id, status, engagementData, now, settings);
    engagementData = withOverdue({ ...engagementData, clock: rules.clock }, status, now, settings);
  }
  const made = defectdojo.safeParseState({
    lifecycle: defectdojo.id,
    lifecycleVersion: defectdojo.version,
    id,
    status,
    version: base?.version ?? 1,
    createdAt,
    updatedAt,
    data: engagementData,
  });
  if (!made.ok) return made;

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!KNOWN.has(key) || key === 'created' || key === 'updated') setOwn(extra, key, cloneData(value));
  }
  return { ok: true, ...deepFreeze({ engagement: made.state, drift, extra }) };
}

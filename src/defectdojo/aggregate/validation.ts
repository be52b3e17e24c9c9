/**
 * Creating and editing an engagement as a user meets it: DefectDojo's required fields, its defaults and its
 * date rule, with errors that name the field and say what to change. The rules themselves are the lifecycle's
 * `create` and `edit` events (start ≤ end on both, tags lower-cased, an empty name becomes the start date); this
 * module adds the form's requirements (the status) and the wording, then hands over to the lifecycle.
 */
import * as z from 'zod';
import { caughtResult, failure, fromZodError, LifecycleError, type EngineOptions } from '../../core/index.js';
import {
  defectdojo,
  DEFECTDOJO_STATUSES,
  defectDojoEventSchemas,
  type DefectDojoEventInput,
  type DefectDojoSettingsInput,
  type DefectDojoState,
} from '../lifecycle/index.js';

type CreateEventInput = Extract<DefectDojoEventInput, { type: 'create' }>;
type EditEventInput = Extract<DefectDojoEventInput, { type: 'edit' }>;

/** The fields of a new engagement: `productId`, `targetStart`, `targetEnd` and `status` are required. */
export type NewEngagementInput = Omit<CreateEventInput, 'type'>;
/** The fields an edit may change (all optional; `null` clears a field). The status changes with `set_status`. */
export type EngagementEditInput = Omit<EditEventInput, 'type'>;

const DATE = 'a date as YYYY-MM-DD, e.g. 2024-03-04';
const URL_HINT = 'a full URL such as https://example.com/path, or null';
const ID = 'an id (text, or a DefectDojo integer id), or null';
const TEXT = 'text, or null';

/** What each field expects, in the words an error message uses (text fields say their length when too long). */
const HINTS: Readonly<Record<string, string>> = {
  at: 'the instant of the change, ISO 8601 with Z or an offset (e.g. 2024-03-01T10:00:00Z)',
  id: 'the new engagement\'s id as non-empty text, or leave it out to use the id generator',
  actor: 'the acting user\'s id as non-empty text',
  productId: 'the id of the asset (DefectDojo product) the engagement belongs to',
  targetStart: `the first day of the engagement, ${DATE}`,
  targetEnd: `the last day of the engagement, ${DATE}, not before the start`,
  status: `one of ${DEFECTDOJO_STATUSES.map((s) => `"${s}"`).join(', ')}`,
  engagementType: '"Interactive" or "CI/CD" (Interactive when left out)',
  name: 'text, or leave it empty to name the engagement after its start date',
  lead: 'the user id of the engagement\'s lead, or null',
  firstContacted: `${DATE}, or null`,
  tracker: URL_HINT,
  testStrategy: URL_HINT,
  sourceCodeManagementUri: URL_HINT,
  tags: 'a list of tags, each text of at most 100 characters',
  jira: 'Jira settings { project, assetProject, epic }',
  ...Object.fromEntries(['requester', 'preset', 'reportType', 'buildServer', 'sourceCodeManagementServer', 'orchestrationEngine'].map((f) => [f, ID])),
  ...Object.fromEntries(['threatModel', 'apiTest', 'penTest', 'checkList', 'doneTesting', 'deduplicationOnEngagement'].map((f) => [f, 'true or false'])),
};

function fieldName(path: readonly PropertyKey[] | undefined): string {
  if (!path || path.length === 0) return 'the engagement';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** zod's per-parse error map: every message names the field and says what to give instead. */
function userMessage(iss: z.core.$ZodRawIssue): string | undefined {
  const path = iss.path ?? [];
  const field = fieldName(path);
  const top = typeof path[0] === 'string' ? path[0] : undefined;
  const hint = (top && HINTS[top]) ?? TEXT;
  if (iss.input === undefined && iss.code !== 'unrecognized_keys' && iss.code !== 'custom') return `${field} is required: give ${hint}`;
  switch (iss.code) {
    case 'invalid_type':
      return `${field} has the wrong type: give ${hint}`;
    case 'invalid_value':
      return iss.input === null ? `${field} is required: choose ${hint}` : `${field} cannot be ${JSON.stringify(iss.input)}: choose ${hint}`;
    case 'invalid_format':
    case 'invalid_union':
      return `${field} is not valid: give ${hint}`;
    case 'too_big':
      return `${field} is too long: shorten it to at most ${String(iss.maximum)} ${iss.origin === 'array' ? 'items' : 'characters'}`;
    case 'too_small':
      return iss.minimum === 1 && iss.origin === 'string' ? `${field} is empty: give ${hint}` : `${field} is too small: give ${hint}`;
    default:
      // An unknown-keys issue gets its words in formError, one issue per key.
      return undefined;
  }
}

const unknownField = (key: string) => `unknown field "${key}": remove it (a DefectDojo engagement has no such field; see the editable fields)`;

/**
 * The `invalid_input` error for a form's issues. An unknown field becomes one issue at its own path, so that every
 * issue names its field.
 */
function formError(what: string, issues: readonly z.core.$ZodIssue[]): LifecycleError {
  const split = issues.flatMap((i): z.core.$ZodIssue[] =>
    i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ ...i, keys: [key], path: [...i.path, key], message: unknownField(key) })) : [i],
  );
  return fromZodError(what, new z.ZodError(split));
}

function notAnObject(what: string): LifecycleError {
  return new LifecycleError('invalid_input', `Invalid ${what}: expected an object with the engagement's fields`, {
    issues: [{ path: [], message: `expected an object with the engagement's fields`, code: 'invalid_type' }],
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Creates an engagement from a user's form: required asset (`productId`), target start and end, and status
 * (a CI/CD engagement without one starts In Progress, as DefectDojo's CI/CD form does); the type defaults to
 * Interactive; start ≤ end with DefectDojo's message on both dates; tags lower-cased; an empty name becomes the
 * start date. Every problem is reported at once, each naming its field. Never throws.
 */
export function newEngagement(input: NewEngagementInput, options?: EngineOptions<DefectDojoSettingsInput>): ReturnType<typeof defectdojo.create> {
  return caughtResult('newEngagement', () => {
    if (!isObject(input)) return failure(notAnObject('new engagement'));
    const engagementType = input['engagementType'] ?? 'Interactive';
    const status = input['status'] === undefined ? (engagementType === 'CI/CD' ? 'In Progress' : undefined) : input['status'];
    const event = { ...input, type: 'create', engagementType, ...(status !== undefined ? { status } : {}) };
    const parsed = defectDojoEventSchemas.create.safeParse(event, { error: userMessage });
    const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
    if (status === undefined) {
      issues.push({ code: 'custom', path: ['status'], message: `status is required: choose ${HINTS['status']!}`, input: undefined });
    }
    if (issues.length > 0) return failure(formError('new engagement', issues));
    return defectdojo.create(event as CreateEventInput, options);
  });
}

/**
 * Edits an engagement's fields as a user's form does: start ≤ end is checked against the dates after the edit,
 * with DefectDojo's message on both dates; `null` clears a field; an emptied name becomes the start date. Never
 * throws. The status is not an edit field: send `set_status` (or `close`/`reopen`).
 */
export function editEngagement(
  engagement: DefectDojoState,
  input: EngagementEditInput,
  options?: EngineOptions<DefectDojoSettingsInput>,
): ReturnType<typeof defectdojo.apply> {
  return caughtResult('editEngagement', () => {
    if (!isObject(input)) return failure(notAnObject('engagement edit'));
    const event = { ...input, type: 'edit' };
    const parsed = defectDojoEventSchemas.edit.safeParse(event, { error: userMessage });
    if (!parsed.success) return failure(formError('engagement edit', parsed.error.issues));
    return defectdojo.apply(engagement, event as EditEventInput, options);
  });
}

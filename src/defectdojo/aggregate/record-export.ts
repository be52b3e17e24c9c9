/**
 * Engagement states back to DefectDojo's REST API v2 shapes: the record `GET /api/v2/engagements/{id}/` returns,
 * and the body `POST` and `PATCH` take (the record without its read-only fields). The columns are `records.ts`'s.
 */
import * as z from 'zod';
import { deepFreeze, failure, instantSchema, lazyObject, LifecycleError, type Instant, type Result } from '../../core/index.js';
import type { DefectDojoState } from '../lifecycle/index.js';
import { isDojoId } from './ids.js';
import { catching, cloneData, safeParseEngagement, safeParseWith } from './inputs.js';
import { setOwn } from './plain-data.js';
import {
  COLUMNS,
  KNOWN,
  READ_ONLY_FIELDS,
  type DefectDojoEngagementBody,
  type DefectDojoEngagementRecord,
} from './records.js';

/** The record's `created`/`updated`: DefectDojo's own string when it is the same instant (it has microseconds). */
function stampOut(kept: unknown, value: Instant): string {
  if (typeof kept === 'string') {
    const r = instantSchema.safeParse(kept);
    if (r.success && r.data === value) return kept;
  }
  return `${value.slice(0, -1)}000Z`;
}

function dojoIdOf(value: string, field: string, libraryField: string): number {
  if (!isDojoId(value)) {
    throw new LifecycleError('invalid_input', `${field}: "${value}" is not a DefectDojo id. DefectDojo's ids are integers: keep DefectDojo's id in ${libraryField}.`, {
      issues: [{ path: libraryField.split('.'), message: `"${value}" is not a DefectDojo id (an integer)`, code: 'custom' }],
    });
  }
  return Number(value);
}

// Checked by hand rather than with z.record, which would drop keys such as "__proto__" that a record may carry.
const extraSchema = /* @__PURE__ */ lazyObject(() => z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), {
  message: 'extra must be an object holding the record\'s other fields (as parseEngagementRecord returns it)',
}));

function recordOf(engagement: unknown, extraInput: unknown, withId: boolean): Record<string, unknown> | LifecycleError {
  const eResult = safeParseEngagement(engagement);
  if (!eResult.ok) return eResult.error;
  const e = eResult.value;
  const extraResult = safeParseWith(extraSchema, extraInput ?? {}, 'record extra');
  if (!extraResult.ok) return extraResult.error;
  const extra = extraResult.value;
  return catching(() => {
    const special: Record<string, unknown> = {
      // A body has no id: an engagement new to DefectDojo may still carry a host's id.
      id: withId ? dojoIdOf(e.id, 'id', 'id') : null,
      updated: stampOut(extra['updated'], e.updatedAt),
      created: stampOut(extra['created'], e.createdAt),
      status: e.status,
    };
    const out: Record<string, unknown> = {};
    for (const [key, from, , how] of COLUMNS) {
      const value: unknown = from === '' ? special[key] : e.data[from];
      out[key] = how === 'r' ? (value === null ? null : dojoIdOf(value as string, key, `data.${from}`)) : Array.isArray(value) ? [...value] : value;
    }
    // Every other key comes back as it was, in extra's order: the read-only lists the state does not model (`CARRIED`)
    // and keys newer than the library. The state wins for every field it holds (the columns, `KNOWN`).
    for (const [key, value] of Object.entries(extra)) if (!KNOWN.has(key)) setOwn(out, key, cloneData(value));
    return out;
  });
}

/**
 * The engagement as DefectDojo's API returns it: the record `parseEngagementRecord` read, with the state's values
 * and `extra`'s unknown keys, read-only lists and exact timestamps. Refused (`invalid_input`) when an id is not a
 * DefectDojo integer id. Never throws.
 */
export function engagementToRecord(engagement: DefectDojoState, extra?: Readonly<Record<string, unknown>>): Result<{ readonly record: DefectDojoEngagementRecord }> {
  const out = recordOf(engagement, extra, true);
  if (out instanceof LifecycleError) return failure(out);
  return Object.freeze({ ok: true, record: deepFreeze(out) as DefectDojoEngagementRecord });
}

/**
 * The body DefectDojo accepts on `POST /api/v2/engagements/` and `PATCH /api/v2/engagements/{id}/`: the record
 * without the read-only fields (`id`, `active`, `progress`, `tmodel_path`, `done_testing`, `risk_acceptance`,
 * `created`, `updated`, `notes`, `files`, `prefetch`). Unknown keys from `extra` are sent along (newer
 * DefectDojo fields; DefectDojo ignores what it does not know). `active` cannot be written through the API:
 * DefectDojo keeps its own. Never throws.
 */
export function engagementRequestBody(engagement: DefectDojoState, extra?: Readonly<Record<string, unknown>>): Result<{ readonly body: DefectDojoEngagementBody }> {
  const out = recordOf(engagement, extra, false);
  if (out instanceof LifecycleError) return failure(out);
  for (const key of READ_ONLY_FIELDS) delete out[key];
  return Object.freeze({ ok: true, body: deepFreeze(out) as DefectDojoEngagementBody });
}

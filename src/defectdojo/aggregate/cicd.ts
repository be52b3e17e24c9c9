/**
 * DefectDojo's import rules as pure functions (`dojo/importers/auto_create_context.py`, `ImportScanResultsView`):
 * the CI/CD engagement created by an import, the "AdHoc Import" engagement of a UI import without one, and the
 * lookup of the engagement an import goes into. The end-date bump on every import into a CI/CD engagement is the
 * lifecycle's `import_scan` event. "Today" is always the calendar date in the tenant's time zone.
 */
import * as z from 'zod';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import {
  addCalendarDays,
  calendarDateAt,
  calendarDateSchema,
  caught,
  caughtResult,
  deepFreeze,
  DEFAULT_TIME_ZONE,
  failure,
  instantSchema,
  LifecycleError,
  timeZoneSchema,
  wallClockMs,
  type CalendarDate,
  type EngineOptions,
  type Instant,
  type InstantInput,
  type Result,
  type TimeZone,
  eager, lazyObject,
} from '../../core/index.js';
import { compareIds } from './ids.js';
import { parseSettings, parseWith, refusing, safeParseEngagements, safeParseWith } from './inputs.js';
import {
  defectdojo,
  refInputSchema,
  type DefectDojoEffect,
  type DefectDojoSettingsInput,
  type DefectDojoState,
} from '../lifecycle/index.js';

/** DefectDojo's default length of an auto-created engagement: exactly 365 days, not one calendar year. */
export const CI_CD_DEFAULT_DAYS = 365;

/** DefectDojo's refusal when an import names an engagement of another product. */
export const INCONSISTENT_IDENTIFIERS_MESSAGE =
  'The provided identifiers are inconsistent — the engagement does not belong to the specified product.';

const endInput = /* @__PURE__ */ lazyObject(() => z.strictObject({ today: eager(calendarDateSchema), engagementEndDate: eager(calendarDateSchema).nullable().optional() }));

/**
 * The end date of an engagement auto-created by an import on `today`: `engagementEndDate` when given and not
 * before today, else today + 365 days. An end date in the past is replaced silently, as DefectDojo does.
 * @throws LifecycleError `invalid_input` on a date that is not `YYYY-MM-DD`.
 */
export function ciCdTargetEnd(today: CalendarDate, engagementEndDate?: CalendarDate | null): CalendarDate {
  return caught('ciCdTargetEnd', () => {
    const parsed = parseWith(endInput, { today, engagementEndDate }, 'CI/CD end date input');
    const given = parsed.engagementEndDate;
    return given != null && given >= parsed.today ? given : addCalendarDays(parsed.today, CI_CD_DEFAULT_DAYS);
  });
}

const nameInput = /* @__PURE__ */ lazyObject(() => z.strictObject({ now: eager(instantSchema), timeZone: eager(timeZoneSchema).default(DEFAULT_TIME_ZONE) }));

/**
 * The name DefectDojo gives an engagement created by a UI import: `"AdHoc Import - " + strftime("%a, %d %b %Y %X")`,
 * e.g. "AdHoc Import - Sun, 10 Mar 2024 12:00:00", with the time in `timeZone` (UTC by default).
 * @throws LifecycleError `invalid_input` on an invalid instant or time zone.
 */
export function adHocImportName(now: InstantInput, timeZone?: TimeZone): string {
  const parsed = parseWith(nameInput, { now, timeZone }, 'AdHoc import name input');
  // strftime's %a and %b in the C locale are date-fns' EEE and MMM; %X is HH:MM:SS.
  // The wall clock from core's offset (not TZDate's, which reads offsets under an hour west of UTC as east), then
  // formatted as UTC.
  return `AdHoc Import - ${format(new TZDate(wallClockMs(parsed.now, parsed.timeZone), 'UTC'), 'EEE, dd MMM yyyy HH:mm:ss')}`;
}

type CreateResult = ReturnType<typeof defectdojo.create>;

/**
 * What both import-made engagements start from: the options' settings checked first, then the request by its
 * schema, and "today" at the request's instant in the tenant's zone.
 * @throws LifecycleError `invalid_input` (use inside `refusing`).
 */
function parseImportRequest<T extends { readonly at: Instant }>(
  schema: z.ZodType<T, unknown>,
  input: unknown,
  what: string,
  options: unknown,
): { readonly request: T; readonly timeZone: TimeZone; readonly today: CalendarDate } {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new LifecycleError('invalid_input', 'Invalid options: expected an object such as { settings, newId }');
  }
  const { timeZone } = parseSettings((options as { settings?: unknown } | undefined)?.settings);
  const request = parseWith(schema, input, what);
  return { request, timeZone, today: calendarDateAt(request.at, timeZone) };
}

/** What both import-made engagements take. */
const importShape = /* @__PURE__ */ lazyObject(() => ({
  at: eager(instantSchema),
  id: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  productId: eager(refInputSchema),
  productName: z.string().nullable().optional(),
  /** The importing user: the new engagement's lead (DefectDojo sets none on an AdHoc import). */
  lead: eager(refInputSchema).nullable().optional(),
}));
const text150 = /* @__PURE__ */ lazyObject(() => z.string().max(150).nullable().optional());

const autoCreateSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  ...importShape,
  /** The import's `engagement_name`; an empty name becomes the start date. */
  name: z.string().max(300).nullable().optional(),
  engagementEndDate: eager(calendarDateSchema).nullable().optional(),
  deduplicationOnEngagement: z.boolean().optional(),
  sourceCodeManagementUri: z.url().max(600).nullable().optional(),
}));
/** What `autoCreateEngagement` takes: an import request that names no existing engagement. */
export type AutoCreateInput = z.input<typeof autoCreateSchema>;

/**
 * The engagement an API import creates with `auto_create_context`: CI/CD, In Progress, from today to today + 365
 * days (or the given `engagementEndDate` when it is today or later), the importing user as lead, and the
 * request's deduplication flag and source-code URI. Other fields take the model defaults (active, the four
 * booleans true). Returns the lifecycle's creation: the state and its effects (`engagement_added`). Never throws.
 */
export function autoCreateEngagement(input: AutoCreateInput, options?: EngineOptions<DefectDojoSettingsInput>): CreateResult {
  return refusing(() => {
    const { request, today } = parseImportRequest(autoCreateSchema, input, 'auto-created engagement', options);
    const { engagementEndDate, at, ...rest } = request;
    const event = { ...rest, type: 'create', at, engagementType: 'CI/CD', status: 'In Progress', targetStart: today } as const;
    return defectdojo.create({ ...event, targetEnd: ciCdTargetEnd(today, engagementEndDate ?? null) }, options);
  });
}

const adHocSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  ...importShape,
  version: z.string().max(100).nullable().optional(),
  branchTag: eager(text150),
  buildId: eager(text150),
  commitHash: eager(text150),
}));
/** What `adHocImportEngagement` takes: an import with neither engagement nor auto-create. */
export type AdHocImportInput = z.input<typeof adHocSchema>;

/**
 * The engagement DefectDojo's "Import Scan Results" creates from an asset page with no engagement: Interactive,
 * In Progress, starting and ending today, named "AdHoc Import - <date and time>", with the threat model, API test,
 * pen test and check list flags off, and the form's version, branch or tag, build id and commit hash. DefectDojo
 * sets no lead; one may be given. Never throws.
 */
export function adHocImportEngagement(input: AdHocImportInput, options?: EngineOptions<DefectDojoSettingsInput>): CreateResult {
  return refusing(() => {
    const { request, timeZone, today } = parseImportRequest(adHocSchema, input, 'AdHoc import engagement', options);
    const name = adHocImportName(request.at, timeZone);
    const flags = { threatModel: false, apiTest: false, penTest: false, checkList: false };
    return defectdojo.create({ ...request, ...flags, type: 'create', name, engagementType: 'Interactive', status: 'In Progress', targetStart: today, targetEnd: today }, options);
  });
}

const lookupSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  engagementId: eager(refInputSchema).nullable().optional(),
  productId: eager(refInputSchema).nullable().optional(),
  engagementName: z.string().nullable().optional(),
}));
/** How an import names its engagement: by id, or by asset and engagement name. */
export type ImportLookup = z.input<typeof lookupSchema>;

/**
 * The engagement an import goes into, as DefectDojo's importer finds it among `engagements`: by id when one is
 * given and exists (refused with DefectDojo's message when it belongs to another product than `productId`);
 * otherwise by name within the product, where names are not unique and the last — the highest id — wins.
 * `engagement` is null when none matches. Never throws.
 */
export function findImportEngagement(
  engagements: readonly DefectDojoState[],
  lookup: ImportLookup,
): Result<{ readonly engagement: DefectDojoState | null }> {
  const listResult = safeParseEngagements(engagements);
  if (!listResult.ok) return listResult;
  const list = listResult.value;
  const qResult = safeParseWith(lookupSchema, lookup, 'import lookup');
  if (!qResult.ok) return qResult;
  const q = qResult.value;
  // Ids are strings: a lookup without an id (null or left out) matches none.
  const byId = list.find((e) => e.id === q.engagementId);
  if (byId) {
    if (q.productId != null && byId.data.productId !== q.productId) {
      return failure(
        new LifecycleError('invalid_input', INCONSISTENT_IDENTIFIERS_MESSAGE, {
          issues: [{ path: ['engagementId'], message: INCONSISTENT_IDENTIFIERS_MESSAGE, code: 'custom' }],
          details: { engagementId: byId.id, productId: q.productId, engagementProductId: byId.data.productId },
        }),
      );
    }
    return Object.freeze({ ok: true, engagement: byId });
  }
  // By name within the product: without a product or a name (null or left out), none matches.
  let last: DefectDojoState | null = null;
  for (const e of list) {
    if (e.data.productId !== q.productId || e.data.name !== q.engagementName) continue;
    if (last === null || compareIds(e.id, last.id) > 0) last = e;
  }
  return Object.freeze({ ok: true, engagement: last });
}

/** The engagement an import goes to: an existing one (`created: false`) or a new one with its effects. */
export type ImportTarget =
  | { readonly ok: true; readonly created: false; readonly engagement: DefectDojoState; readonly effects: readonly [] }
  | { readonly ok: true; readonly created: true; readonly engagement: DefectDojoState; readonly effects: readonly DefectDojoEffect[] };

/**
 * Finds the engagement of an import (`findImportEngagement`), or creates it as `autoCreateEngagement` does when
 * `autoCreateContext` is set. Without it, a missing engagement is `not_found` (DefectDojo answers 400).
 */
export function importTarget(
  engagements: readonly DefectDojoState[],
  request: ImportLookup & Partial<Omit<AutoCreateInput, 'productId' | 'name'>> & { readonly autoCreateContext?: boolean },
  options?: EngineOptions<DefectDojoSettingsInput>,
): ImportTarget | { readonly ok: false; readonly error: LifecycleError } {
  return deepFreeze(caughtResult('importTarget', () => {
    if (request === null || typeof request !== 'object') {
      return failure(new LifecycleError('invalid_input', 'Invalid import request: expected an object'));
    }
    const { engagementId, productId, engagementName, autoCreateContext, ...create } = request;
    const found = findImportEngagement(engagements, { engagementId, productId, engagementName });
    if (!found.ok) return found;
    if (found.engagement) return { ok: true, created: false, engagement: found.engagement, effects: [] };
    if (autoCreateContext !== true || productId == null) {
      return failure(
        new LifecycleError('not_found', 'auto_create_context not True, unable to create non-existing engagement', {
          details: { engagementId: engagementId ?? null, productId: productId ?? null, engagementName: engagementName ?? null },
        }),
      );
    }
    const made = autoCreateEngagement({ ...create, productId, name: engagementName ?? null } as AutoCreateInput, options);
    return made.ok ? { ok: true, created: true, engagement: made.state, effects: made.effects } : made;
  }));
}

/**
 * Validation of everything that crosses a store port. `validatingStore` calls these `parse*` functions in front
 * of an adapter's raw methods, so every implementation refuses the same inputs with the same `invalid_input`
 * errors. Convention (zod's own): `parse*` throws the typed `LifecycleError`; `safeParse*` (in `safe-parse.ts`)
 * returns a `Result` instead. Parsed values are fresh frozen
 * copies: the caller's objects are never kept nor changed. Writes built by `writeOf` are recognised and kept as
 * they are (the engine made and froze their parts), which keeps sweeps over many engagements cheap.
 */
import * as z from 'zod';
import { caught, describeValue, eager, fromZodError, instantMs, instantSchema, lazyObject, LifecycleError, type DeletePlan, type Instant } from '../core/index.js';
import { brand, deepFreeze, readonlyArray } from '../core/index.js';
import type { EngagementKey } from './keys.js';
import type {
  DecideDue,
  DueCursor,
  DueDecision,
  EngagementWrite,
  Partition,
  RelatedRecord,
  StoredEngagement,
} from './ports.js';

export const MAX_PAGE = 10_000;
const DEFAULT_PAGE = 100;

const name = /* @__PURE__ */ lazyObject(() => z.string().min(1));
const limit = /* @__PURE__ */ lazyObject(() => z.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE));

export const engagementKeySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ lifecycle: eager(name), id: eager(name) }));

const stateSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  lifecycle: eager(name),
  lifecycleVersion: z.number().int().min(1),
  id: eager(name),
  status: eager(name),
  version: z.number().int().min(1),
  createdAt: eager(instantSchema),
  updatedAt: eager(instantSchema),
  data: z.unknown(),
}));

export const effectSchema = /* @__PURE__ */ lazyObject(() => z.looseObject({
  id: eager(name),
  type: eager(name),
  lifecycle: eager(name),
  engagementId: eager(name),
  version: z.number().int().min(1),
  at: eager(instantSchema),
}));

export const auditRecordSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  lifecycle: eager(name),
  engagementId: eager(name),
  version: z.number().int().min(1),
  from: eager(name).nullable(),
  to: eager(name).nullable(),
  event: eager(name),
  actor: z.string().nullable(),
  reason: z.string().nullable(),
  at: eager(instantSchema),
}));

export const storedEngagementSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  state: eager(stateSchema),
  dueAt: eager(instantSchema).nullable(),
  asset: z.string().nullable(),
  active: z.boolean(),
}));

export const engagementWriteSchema = /* @__PURE__ */ lazyObject(() => z
  .strictObject({
    expectedVersion: z.number().int().min(1).nullable(),
    engagement: eager(storedEngagementSchema),
    effects: z.array(eager(effectSchema)),
    audit: eager(auditRecordSchema),
  })
  .superRefine((w, ctx) => {
    const s = w.engagement.state;
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.version !== (w.expectedVersion ?? 0) + 1) {
      problem(['engagement', 'state', 'version'], `expected version ${(w.expectedVersion ?? 0) + 1} (expectedVersion + 1), got ${s.version}`);
    }
    const a = w.audit;
    if (a.lifecycle !== s.lifecycle || a.engagementId !== s.id) problem(['audit'], 'the audit record names another engagement');
    if (a.version !== s.version) problem(['audit', 'version'], 'the audit record must carry the new version');
    if (a.to !== s.status) problem(['audit', 'to'], 'the audit record must end in the new status');
    if (a.at !== s.updatedAt) problem(['audit', 'at'], "the audit record's instant must be the state's updatedAt");
    if ((a.from === null) !== (w.expectedVersion === null)) problem(['audit', 'from'], 'from is null exactly for a creation');
    effectProblems(w.effects, s.lifecycle, s.id, s.version, problem);
  }));

/**
 * Effects must be stamped for the change that carries them: its engagement, its version, and an id in the core's
 * scheme (`<lifecycle>:<id>:<version>:<type>`). With versions unique per engagement and ids of deleted engagements
 * never reused, this keeps effect ids unique in the outbox without remembering them all.
 */
function effectProblems(
  effects: readonly { id: string; lifecycle: string; engagementId: string; version: number }[],
  lifecycle: string,
  id: string,
  version: number,
  problem: (path: PropertyKey[], message: string) => void,
): void {
  const ids = new Set<string>();
  const prefix = `${lifecycle}:${id}:${version}:`;
  effects.forEach((e, i) => {
    if (e.lifecycle !== lifecycle || e.engagementId !== id) problem(['effects', i], `effect "${e.id}" belongs to another engagement`);
    else if (e.version !== version || !e.id.startsWith(prefix)) {
      problem(['effects', i], `effect "${e.id}" is not stamped for version ${version}: expected version ${version} and an id starting "${prefix}"`);
    }
    if (ids.has(e.id)) problem(['effects', i, 'id'], `effect id "${e.id}" appears twice`);
    ids.add(e.id);
  });
}

const planItemSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  kind: eager(name),
  id: eager(name),
  parent: z.strictObject({ kind: eager(name), id: eager(name) }).optional(),
}));

export const deletePlanSchema = /* @__PURE__ */ lazyObject(() => z
  .strictObject({
    type: z.literal('delete'),
    lifecycle: eager(name),
    engagementId: eager(name),
    expectedVersion: z.number().int().min(1),
    at: eager(instantSchema),
    actor: z.string().optional(),
    deletes: z.array(eager(planItemSchema)),
    unlinks: z.array(eager(planItemSchema)),
    effects: z.array(eager(effectSchema)),
  })
  .superRefine((p, ctx) =>
    effectProblems(p.effects, p.lifecycle, p.engagementId, p.expectedVersion + 1, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
  ));

export const relatedRecordSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  kind: eager(name),
  id: eager(name),
  engagement: eager(engagementKeySchema).nullable(),
  parent: z.strictObject({ kind: eager(name), id: eager(name) }).nullable(),
  /** JSON data; missing data is stored as null (`optional`: without it zod 4 refuses a missing key before the transform). */
  data: z.unknown().optional().transform((v) => (v === undefined ? null : v)),
}));

const statusFilter = /* @__PURE__ */ lazyObject(() => z.union([eager(name), readonlyArray(eager(name))]));

export const listQuerySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  lifecycle: eager(name).optional(),
  asset: z.string().optional(),
  status: eager(statusFilter).optional(),
  active: z.boolean().optional(),
  after: eager(engagementKeySchema).nullable().optional(),
  limit: eager(limit),
}));

const partitionSchema = /* @__PURE__ */ lazyObject(() => z
  .strictObject({ index: z.number().int().min(0), count: z.number().int().min(1) })
  .refine((p) => p.index < p.count, { message: 'partition index must be below count (0-based)', path: ['index'] }));

const dueCursorSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ dueAt: eager(instantSchema), lifecycle: eager(name), id: eager(name) }));

export const dueQuerySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  now: eager(instantSchema),
  lifecycles: readonlyArray(eager(name)).optional(),
  partition: eager(partitionSchema).optional(),
  after: eager(dueCursorSchema).nullable().optional(),
  limit: eager(limit),
}));

const pendingSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ after: z.number().int().min(0).optional(), limit: eager(limit) }));

/** Tenant ids: what a host already calls its tenants (an id, a slug), non-empty and bounded for indexes. */
export const tenantSchema = /* @__PURE__ */ lazyObject(() => z.string().min(1).max(200));

export const tenantQuerySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  now: eager(instantSchema),
  lifecycles: readonlyArray(eager(name)).optional(),
  after: eager(tenantSchema).nullable().optional(),
  limit: eager(limit),
}));

/* ---------- parse functions ---------- */

/** Writes made by `writeOf`: built from engine states and effects, frozen, valid by construction. */
const trustedWrites = /* @__PURE__ */ brand('trusted-write');

/** Marks a write `writeOf` built (before it is frozen), and returns it. */
export function trustWrite<W extends EngagementWrite>(write: W): W {
  return trustedWrites.set(write);
}

function plainCopy(what: string, input: unknown): unknown {
  try {
    return structuredClone(input);
  } catch (error) {
    throw new LifecycleError('invalid_input', `Invalid ${what}: it must be plain data (${error instanceof Error ? error.message : describeValue(error)})`, { cause: error });
  }
}

function parseWith<T>(what: string, schema: z.ZodType<T, unknown>, input: unknown, copy: boolean): T {
  // A caller's getter or Proxy trap that throws while zod reads the input is refused as `invalid_input`.
  // zod formats its issues lazily, reading the input again: the refusal is built inside the guard too.
  return caught(what, () => {
    const result = schema.safeParse(copy ? plainCopy(what, input) : input);
    if (!result.success) throw fromZodError(what, result.error);
    return deepFreeze(result.data);
  });
}

/**
 * Validates a write and returns a frozen copy (or the write itself when `writeOf` made it).
 * @throws LifecycleError `invalid_input`
 */
export function parseWrite(input: unknown): EngagementWrite {
  if (trustedWrites.has(input)) return input as EngagementWrite;
  return parseWith('engagement write', engagementWriteSchema, input, true) as EngagementWrite;
}

/** @throws LifecycleError `invalid_input` */
export function parseKey(input: unknown): EngagementKey {
  return parseWith('engagement key', engagementKeySchema, input, false);
}

/** @throws LifecycleError `invalid_input` */
export function parseDeletePlan(input: unknown): DeletePlan {
  return parseWith('delete plan', deletePlanSchema, input, true) as DeletePlan;
}

/** @throws LifecycleError `invalid_input` */
export function parseRecord(input: unknown): RelatedRecord {
  return parseWith('related record', relatedRecordSchema, input, true) as RelatedRecord;
}

export interface ParsedListQuery {
  readonly lifecycle: string | undefined;
  readonly asset: string | undefined;
  readonly statuses: ReadonlySet<string> | undefined;
  readonly active: boolean | undefined;
  readonly after: EngagementKey | null;
  readonly limit: number;
}

/** @throws LifecycleError `invalid_input` */
export function parseListQuery(input: unknown = {}): ParsedListQuery {
  const q = parseWith('list query', listQuerySchema, input ?? {}, false);
  return Object.freeze({
    lifecycle: q.lifecycle,
    asset: q.asset,
    statuses: q.status === undefined ? undefined : new Set(typeof q.status === 'string' ? [q.status] : q.status),
    active: q.active,
    after: q.after ?? null,
    limit: q.limit,
  });
}

export interface ParsedDueQuery {
  readonly now: Instant;
  readonly nowMs: number;
  readonly lifecycles: readonly string[] | undefined;
  readonly partition: Partition | undefined;
  readonly after: DueCursor | null;
  readonly limit: number;
}

/** @throws LifecycleError `invalid_input` */
export function parseDueQuery(input: unknown): ParsedDueQuery {
  const q = parseWith('due query', dueQuerySchema, input, false);
  return Object.freeze({ now: q.now, nowMs: instantMs(q.now), lifecycles: q.lifecycles, partition: q.partition, after: q.after ?? null, limit: q.limit });
}

/** @throws LifecycleError `invalid_input` */
export function parsePendingOptions(input: unknown = {}): { readonly after: number; readonly limit: number } {
  const o = parseWith('outbox query', pendingSchema, input ?? {}, false);
  return Object.freeze({ after: o.after ?? 0, limit: o.limit });
}

/** @throws LifecycleError `invalid_input` */
export function parseRecordRef(input: unknown): { readonly kind: string; readonly id: string } {
  return parseWith('record reference', z.object({ kind: name, id: name }), input, false);
}

/** @throws LifecycleError `invalid_input` */
export function parseEffectIds(input: unknown): readonly string[] {
  return parseWith('effect ids', z.array(name), input, false);
}

/** @throws LifecycleError `invalid_input` */
export function parseDueAt(input: unknown): Instant | null {
  return parseWith('due instant', instantSchema.nullable(), input, false);
}

/** @throws LifecycleError `invalid_input` */
export function parseVersion(input: unknown): number {
  return parseWith('expected version', z.number().int().min(1), input, false);
}

/** @throws LifecycleError `invalid_input` */
export function parseTenant(input: unknown): string {
  return parseWith('tenant id', tenantSchema, input, false);
}

export interface ParsedTenantQuery {
  readonly now: Instant;
  readonly lifecycles: readonly string[] | undefined;
  readonly after: string | null;
  readonly limit: number;
}

/** @throws LifecycleError `invalid_input` */
export function parseTenantQuery(input: unknown): ParsedTenantQuery {
  const q = parseWith('tenant query', tenantQuerySchema, input, false);
  return Object.freeze({ now: q.now, lifecycles: q.lifecycles, after: q.after ?? null, limit: q.limit });
}

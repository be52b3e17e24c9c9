/**
 * `engagement-lifecycle/store`: the storage ports a host implements, the in-memory store, the sweep that runs the
 * time-driven part of every lifecycle, and the helpers around them (writes, delivery, audit replay, reindex).
 */
export type {
  AuditLog,
  AuditRecord,
  ClaimedPage,
  DecideDue,
  DeleteOutcome,
  DueCursor,
  DueDecision,
  DueOutcome,
  DueQuery,
  EngagementStore,
  EngagementWrite,
  ListQuery,
  Outbox,
  OutboxEntry,
  Page,
  Partition,
  RecordStore,
  RelatedRecord,
  StoredEngagement,
  TenantedStore,
  TenantPage,
  TenantQuery,
} from './ports.js';
export { DEFAULT_TENANT } from './ports.js';
export { validatingStore, validatingTenants } from './validating.js';
export type { ParsedDecide, RawEngagementStore, RawTenantedStore } from './validating.js';
export {
  safely,
  safeParseDeletePlan,
  safeParseDueQuery,
  safeParseKey,
  safeParseListQuery,
  safeParseRecord,
  safeParseTenant,
  safeParseTenantQuery,
  safeParseWrite,
} from './safe-parse.js';
export type { ParseResult } from './safe-parse.js';
export { keyHash, keyOf, keyString, partitionOf } from './keys.js';
export type { EngagementKey } from './keys.js';
export { createMemoryStore } from './memory/index.js';
export type { MemoryStore, MemoryStoreOptions, MemoryWriteStep } from './memory/index.js';
export { sweep } from './sweep.js';
export type { SweepOptions, SweepProblem, SweepSummary } from './sweep.js';
export { reindex } from './reindex.js';
export type { ReindexOptions, ReindexSummary } from './reindex.js';
export { writeOf } from './write.js';
export type { AppliedChange, WriteOptions } from './write.js';
export { createEngagements } from './engagements.js';
export type { Engagements, EngagementsOptions, EventInputOf, StateOf } from './engagements.js';
export type { AnyLifecycle, LifecycleSet } from './lifecycles.js';
export { createTenantEngagements, sweepTenants } from './tenants.js';
export type {
  TenantEngagements,
  TenantEngagementsOptions,
  TenantLifecycles,
  TenantProblem,
  TenantSettings,
  TenantSweepOptions,
  TenantSweepSummary,
} from './tenants.js';
export { typedStore } from './typed.js';
export type { StatusOf, TypedListQuery, TypedStore, TypedStoreOptions } from './typed.js';
export { deliver } from './deliver.js';
export type { DeliverOptions, DeliveredEffect, DeliverySummary } from './deliver.js';
export { replayStatus, statusAt } from './replay.js';
export { duplicateEffect, engagementNotFound, reusedEngagementId, versionConflict } from './refusals.js';
export {
  MAX_PAGE,
  parseDeletePlan,
  parseDueAt,
  parseDueQuery,
  parseEffectIds,
  parseKey,
  parseListQuery,
  parsePendingOptions,
  parseRecord,
  parseRecordRef,
  parseTenant,
  parseTenantQuery,
  parseVersion,
  parseWrite,
} from './schemas.js';
export { checkDecide, parseDecisions } from './decisions.js';
export type { ParsedDueQuery, ParsedListQuery, ParsedTenantQuery } from './schemas.js';

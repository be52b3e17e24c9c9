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
} from './ports.js';
export { keyHash, keyOf, keyString, partitionOf } from './keys.js';
export type { EngagementKey } from './keys.js';
export { createMemoryStore } from './memory.js';
export type { MemoryStore, MemoryStoreOptions, MemoryWriteStep } from './memory.js';
export { sweep } from './sweep.js';
export type { SweepOptions, SweepProblem, SweepSummary } from './sweep.js';
export { reindex } from './reindex.js';
export type { ReindexOptions, ReindexSummary } from './reindex.js';
export { writeOf } from './write.js';
export type { AppliedChange, WriteOptions } from './write.js';
export { createEngagements } from './engagements.js';
export type { Engagements, EngagementsOptions, EventInputOf, StateOf } from './engagements.js';
export type { AnyLifecycle, LifecycleSet } from './lifecycles.js';
export { deliver } from './deliver.js';
export type { DeliverOptions, DeliverySummary } from './deliver.js';
export { replayStatus, statusAt } from './replay.js';
export { duplicateEffect, engagementNotFound, reusedEngagementId, versionConflict } from './refusals.js';
export {
  MAX_PAGE,
  parseDecisions,
  parseDeletePlan,
  parseDueAt,
  parseDueQuery,
  parseEffectIds,
  parseKey,
  parseListQuery,
  parsePendingOptions,
  parseRecord,
  parseRecordRef,
  parseVersion,
  parseWrite,
  checkDecide,
} from './schemas.js';
export type { ParsedDueQuery, ParsedListQuery } from './schemas.js';

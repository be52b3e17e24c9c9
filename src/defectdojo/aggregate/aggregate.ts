/**
 * The engagement aggregate: a DefectDojo engagement (its lifecycle state) with everything it contains — tests and
 * their findings, notes, files and endpoint statuses, the engagement's own notes and files, and its risk
 * acceptances. Copy and delete work on the whole aggregate; the lifecycle works on `engagement` alone.
 */
import * as z from 'zod';
import { deepFreeze, failure, LifecycleError, type InputIssue, type Result, lazyObject } from '../../core/index.js';
import {
  fileUploadSchema,
  noteSchema,
  riskAcceptanceSchema,
  testSchema,
  type FileUpload,
  type FileUploadInput,
  type Finding,
  type Note,
  type NoteInput,
  type RiskAcceptance,
  type RiskAcceptanceInput,
  type Test,
  type TestInput,
} from './hierarchy.js';
import { parseEngagement, parseWith, refusing } from './inputs.js';
import type { DefectDojoState } from '../lifecycle/index.js';

/** An engagement with the records under it (tests, findings, notes, files, risk acceptances), validated. */
export interface EngagementAggregate {
  /** The engagement itself: the lifecycle state, with its CI/CD fields, tags and Jira settings and epic link. */
  readonly engagement: DefectDojoState;
  readonly tests: readonly Test[];
  readonly notes: readonly Note[];
  readonly files: readonly FileUpload[];
  readonly riskAcceptances: readonly RiskAcceptance[];
}

/** What the aggregate's entry points accept: an aggregate, or one as a host builds it (DefectDojo integer ids, defaults left out). */
export type EngagementAggregateInput =
  | EngagementAggregate
  | {
      readonly engagement: DefectDojoState;
      readonly tests?: readonly TestInput[];
      readonly notes?: readonly NoteInput[];
      readonly files?: readonly FileUploadInput[];
      readonly riskAcceptances?: readonly RiskAcceptanceInput[];
    };

/** The kinds of record an aggregate holds besides the engagement (the `kind` of delete-plan items). */
export const RECORD_KINDS = ['test', 'finding', 'note', 'file', 'endpoint_status', 'risk_acceptance'] as const;
/** One of `RECORD_KINDS`: a kind of record in an aggregate. */
export type RecordKind = (typeof RECORD_KINDS)[number];

const contentsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  engagement: z.unknown(),
  tests: z.array(testSchema).default([]),
  notes: z.array(noteSchema).default([]),
  files: z.array(fileUploadSchema).default([]),
  riskAcceptances: z.array(riskAcceptanceSchema).default([]),
}));

/** One record of the aggregate, with where it sits. */
export interface AggregateRecord {
  readonly kind: RecordKind;
  readonly id: string;
  readonly parent: { readonly kind: RecordKind | 'engagement'; readonly id: string };
  readonly path: readonly PropertyKey[];
}

/**
 * Every record of the aggregate, children before their parents (the order a store with foreign keys deletes in).
 * Risk acceptances and their notes are listed last.
 */
export function aggregateRecords(a: Omit<EngagementAggregate, 'engagement'>, engagementId: string): AggregateRecord[] {
  const out: AggregateRecord[] = [];
  const attachments = (
    owner: { kind: RecordKind | 'engagement'; id: string },
    at: readonly PropertyKey[],
    notes: readonly Note[],
    files: readonly FileUpload[],
  ) => {
    notes.forEach((n, i) => out.push({ kind: 'note', id: n.id, parent: owner, path: [...at, 'notes', i] }));
    files.forEach((f, i) => out.push({ kind: 'file', id: f.id, parent: owner, path: [...at, 'files', i] }));
  };
  a.tests.forEach((t, ti) => {
    const testAt = ['tests', ti];
    const test = { kind: 'test' as const, id: t.id };
    t.findings.forEach((f, fi) => {
      const findingAt = [...testAt, 'findings', fi];
      const finding = { kind: 'finding' as const, id: f.id };
      attachments(finding, findingAt, f.notes, f.files);
      f.endpoints.forEach((e, ei) => out.push({ kind: 'endpoint_status', id: e.id, parent: finding, path: [...findingAt, 'endpoints', ei] }));
      out.push({ ...finding, parent: test, path: findingAt });
    });
    attachments(test, testAt, t.notes, t.files);
    out.push({ ...test, parent: { kind: 'engagement', id: engagementId }, path: testAt });
  });
  attachments({ kind: 'engagement', id: engagementId }, [], a.notes, a.files);
  a.riskAcceptances.forEach((r, ri) => {
    const at = ['riskAcceptances', ri];
    const ra = { kind: 'risk_acceptance' as const, id: r.id };
    r.notes.forEach((n, i) => out.push({ kind: 'note', id: n.id, parent: ra, path: [...at, 'notes', i] }));
    out.push({ ...ra, parent: { kind: 'engagement', id: engagementId }, path: at });
  });
  return out;
}

/** Consistency an aggregate needs beyond its schema: ids unique per kind, risk acceptances accept its own findings. */
function consistencyIssues(a: Omit<EngagementAggregate, 'engagement'>, engagementId: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<string, readonly PropertyKey[]>();
  for (const r of aggregateRecords(a, engagementId)) {
    const key = `${r.kind}\u0000${r.id}`;
    const first = seen.get(key);
    if (first) {
      issues.push({
        path: [...r.path, 'id'],
        message: `${r.kind} id "${r.id}" appears twice (also at ${first.join('.')}): give every ${r.kind} its own id`,
        code: 'custom',
      });
    } else {
      seen.set(key, r.path);
    }
  }
  a.riskAcceptances.forEach((ra, ri) =>
    ra.acceptedFindings.forEach((id, fi) => {
      if (!seen.has(`finding\u0000${id}`)) {
        issues.push({
          path: ['riskAcceptances', ri, 'acceptedFindings', fi],
          message: `finding "${id}" is not in this engagement: add its test to the aggregate, or remove it from the risk acceptance`,
          code: 'custom',
        });
      }
    }),
  );
  return issues;
}

/**
 * Validates an engagement aggregate: the engagement state as the lifecycle does, every contained object by its
 * schema (defaults filled in, tags lower-cased), ids unique per kind, and risk acceptances that accept findings of
 * this engagement only. The result is a fresh deep-frozen value (the engagement state itself is kept when the
 * engine made it).
 */
export function parseEngagementAggregate(input: EngagementAggregateInput): Result<{ readonly aggregate: EngagementAggregate }> {
  return refusing(() => {
    const parsed = parseWith(contentsSchema, input, 'engagement aggregate');
    const engagement = parseEngagement(parsed.engagement);
    const contents = { tests: parsed.tests, notes: parsed.notes, files: parsed.files, riskAcceptances: parsed.riskAcceptances };
    const issues = consistencyIssues(contents, engagement.id);
    if (issues.length > 0) {
      return failure(
        new LifecycleError('invalid_input', `Invalid engagement aggregate:\n${issues.map((i) => `✖ ${i.message}\n  → at ${i.path.join('.')}`).join('\n')}`, { issues }),
      );
    }
    return { ok: true, aggregate: deepFreeze({ engagement, ...contents }) } as const;
  });
}

/** The findings of an aggregate, in test order. */
export function aggregateFindings(a: Pick<EngagementAggregate, 'tests'>): readonly Finding[] {
  return a.tests.flatMap((t) => t.findings);
}

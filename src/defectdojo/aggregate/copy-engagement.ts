/**
 * DefectDojo's "Copy Engagement" (`Engagement.copy()` and `copy_engagement`, spec section 4) on an aggregate: a
 * deep copy in the same asset with new ids from the injected generator. Name, status, dates, lead, type, CI/CD
 * fields and tags are kept; tests, findings (with their notes, files, endpoint statuses and flags), notes, files
 * and risk acceptances are copied; the Jira project settings and epic of the engagement itself are not.
 */
import * as z from 'zod';
import {
  caught,
  deepFreeze,
  instantMs,
  instantSchema,
  stampEffects,
  type EffectDraft,
  type IdGenerator,
  type Instant,
  type InstantInput,
  type Result,
  type StatusChangedDraft,
  unwrap,
  eager, lazyObject,
} from '../../core/index.js';
import { aggregateRecords, parseEngagementAggregate, type EngagementAggregate,
  type EngagementAggregateInput, type RecordKind } from './aggregate.js';
import {
  defectdojo,
  engagementAdded,
  engagementCopied,
  isClosedStatus,
  withOverdue,
  type DefectDojoData,
  type DefectDojoEffect,
  type DefectDojoSettings,
  type DefectDojoSettingsInput,
  type DefectDojoState,
  type DefectDojoStatus,
} from '../lifecycle/index.js';
import {
  FILE_TITLE_MAX,
  type FileUpload,
  type Finding,
  type Note,
  type RiskAcceptance,
  type Test,
} from './hierarchy.js';
import { hexTag } from './ids.js';
import { cloneData, idGeneratorSchema, idMaker, parseSettings, parseWith, refusing } from './inputs.js';

/** DefectDojo's suffix for a copied file: `" - clone-"` and eight hex characters. */
export const CLONE_SUFFIX = ' - clone-';

const titleInput = /* @__PURE__ */ lazyObject(() => z.strictObject({ title: z.string(), tag: z.string().regex(/^[0-9a-f]{8}$/, 'expected eight lower-case hex characters') }));

/**
 * A copied file's title: `title + " - clone-" + tag`, the original title cut so that the whole stays within 100
 * characters (UTF-16 code units, as the schema counts; a surrogate pair is never split).
 * @throws LifecycleError `invalid_input` when `tag` is not eight lower-case hex characters.
 */
export function cloneFileTitle(title: string, tag: string): string {
  const parsed = caught('cloneFileTitle', () => parseWith(titleInput, { title, tag }, 'clone file title input'));
  const suffix = `${CLONE_SUFFIX}${parsed.tag}`;
  const room = FILE_TITLE_MAX - suffix.length;
  let head = parsed.title;
  if (head.length > room) {
    head = head.slice(0, room);
    const last = head.charCodeAt(head.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  }
  return `${head}${suffix}`;
}

/** The options of `copyEngagement`: the instant, the acting user, the injected id generator and the settings. */
export interface CopyOptions {
  /** When the copy is made: its `createdAt` and `updatedAt`, and the instant of its effects. */
  readonly at: InstantInput;
  /** Who copies it: named in `engagement_copied` ("… was copied by <actor>"). */
  readonly actor: string;
  /** Makes every new id: the engagement's first, then its notes, files, tests (each with its notes, files and findings) and risk acceptances. */
  readonly newId: IdGenerator;
  /** The tenant's settings (the time zone decides whether the copy is already overdue). */
  readonly settings?: DefectDojoSettingsInput;
}

const copyOptionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  at: eager(instantSchema),
  actor: z.string().min(1, 'give the user who copies the engagement'),
  newId: idGeneratorSchema,
  settings: z.unknown().optional(),
}));

/** Which new id a copied record got. Hosts use it for what the library cannot copy, such as stored file contents. */
export interface CopyMapping {
  readonly kind: RecordKind | 'engagement';
  readonly from: string;
  readonly to: string;
}

/** What `copyEngagement` returns: the copy, its records, the mapping of ids, and its effects. */
export interface CopyOutcome {
  readonly aggregate: EngagementAggregate;
  /** `status_changed` (from null), `engagement_added` and `engagement_copied`, stamped for the new engagement's version 1. */
  readonly effects: readonly DefectDojoEffect[];
  readonly mapping: readonly CopyMapping[];
}

/**
 * Copies an engagement aggregate as DefectDojo's "Copy Engagement" does:
 * - the engagement: a new id, version 1, created and updated `at`; every field kept (name unchanged, no
 *   "Copy of"), except its own Jira project settings and epic, which stay with the original (the asset's Jira
 *   settings are the asset's, so the copy keeps them); `active` follows the status; the time rules' marks are
 *   kept (the copy has the same dates) and the overdue flag is worked out at `at`;
 * - tests, findings (flags untouched, `duplicateFinding` still naming the same original, as DefectDojo's copy
 *   keeps foreign keys), endpoint statuses, notes and files: copied with new ids; a file's title gets
 *   `" - clone-"` and eight hex characters derived from its new id (see `cloneFileTitle`); the stored file itself is
 *   the host's to duplicate (see `mapping`);
 * - risk acceptances: copied with their notes; each accepts the copied findings that are risk accepted and share
 *   a hash code with a finding it accepted (DefectDojo's re-link by `hash_code`).
 * The copy shares no object with the original, and the original is left as it was. Never throws.
 */
export function copyEngagement(aggregate: EngagementAggregateInput, options: CopyOptions): Result<CopyOutcome> {
  return refusing(() => {
    const opts = parseWith(copyOptionsSchema, options, 'copy options');
    const settings = parseSettings(opts.settings);
    const parsed = unwrap(parseEngagementAggregate(aggregate));
    return { ok: true, ...copyOf(parsed.aggregate, opts.at, opts.actor, opts.newId, settings) } as const;
  });
}

function copyOf(
  orig: EngagementAggregate,
  at: Instant,
  actor: string,
  newId: IdGenerator,
  settings: DefectDojoSettings,
): CopyOutcome {
  // New ids must not collide with the original's, kind by kind.
  const taken = new Map<string, Set<string>>([['engagement', new Set([orig.engagement.id])]]);
  for (const r of aggregateRecords(orig, orig.engagement.id)) {
    if (!taken.has(r.kind)) taken.set(r.kind, new Set());
    taken.get(r.kind)!.add(r.id);
  }
  const next = idMaker(newId, taken);
  const mapping: CopyMapping[] = [];
  const id = (kind: CopyMapping['kind'], from: string): string => {
    const to = next(kind);
    mapping.push({ kind, from, to });
    return to;
  };

  const engagementId = id('engagement', orig.engagement.id);
  const note = (n: Note): Note => ({ ...cloneData(n), id: id('note', n.id) });
  const file = (f: FileUpload): FileUpload => {
    const to = id('file', f.id);
    return { ...cloneData(f), id: to, title: cloneFileTitle(f.title, hexTag(to)) };
  };
  const finding = (f: Finding): Finding => ({
    ...cloneData(f),
    id: id('finding', f.id),
    notes: f.notes.map(note),
    files: f.files.map(file),
    endpoints: f.endpoints.map((e) => ({ ...cloneData(e), id: id('endpoint_status', e.id) })),
  });
  const test = (t: Test): Test => ({
    ...cloneData(t),
    id: id('test', t.id),
    notes: t.notes.map(note),
    files: t.files.map(file),
    findings: t.findings.map(finding),
  });

  // DefectDojo's order: the engagement's notes, its files, its tests, then its risk acceptances.
  const notes = orig.notes.map(note);
  const files = orig.files.map(file);
  const tests = orig.tests.map(test);

  const hashOf = new Map(orig.tests.flatMap((t) => t.findings.map((f) => [f.id, f.hashCode] as const)));
  const copiedFindings = tests.flatMap((t) => t.findings);
  const riskAcceptance = (r: RiskAcceptance): RiskAcceptance => {
    const hashes: ReadonlySet<string | null> = new Set(r.acceptedFindings.map((f) => hashOf.get(f)).filter((h): h is string => typeof h === 'string'));
    return {
      ...cloneData(r),
      id: id('risk_acceptance', r.id),
      notes: r.notes.map(note),
      // `hashes` holds strings only: a finding without a hash code (null) is never re-linked.
      acceptedFindings: copiedFindings.filter((f) => f.riskAccepted && hashes.has(f.hashCode)).map((f) => f.id),
    };
  };
  const riskAcceptances = orig.riskAcceptances.map(riskAcceptance);

  const status: DefectDojoStatus = orig.engagement.status;
  const base = cloneData(orig.engagement.data) as DefectDojoData;
  const data = withOverdue(
    { ...base, active: !isClosedStatus(status), jira: { project: null, assetProject: base.jira.assetProject, epic: null } },
    status,
    instantMs(at),
    settings,
  );
  const made = defectdojo.safeParseState({
    lifecycle: defectdojo.id,
    lifecycleVersion: defectdojo.version,
    id: engagementId,
    status,
    version: 1,
    createdAt: at,
    updatedAt: at,
    data,
  });
  if (!made.ok) throw made.error;
  const engagement: DefectDojoState = made.state;

  const created: StatusChangedDraft<DefectDojoStatus> = { type: 'status_changed', from: null, to: status, cause: 'copy' };
  const drafts: EffectDraft[] = [
    created,
    engagementAdded(engagementId, engagement.data),
    engagementCopied(engagementId, engagement.data, actor),
  ];
  const effects = stampEffects(drafts, defectdojo.id, engagementId, 1, at) as DefectDojoEffect[];
  return deepFreeze({ aggregate: { engagement, notes, files, tests, riskAcceptances }, effects, mapping });
}

/**
 * Arbitraries for the review lifecycle: settings, event payloads and whole event sequences. The people are few
 * on purpose (an author, two possible collaborators, three reviewers), so that writers often try to approve
 * their own report and four eyes is exercised.
 */
import * as fc from 'fast-check';
import { describeValue, lazyObject, LifecycleError, type Instant } from '../../core/index.js';
import type { ReviewEventBody, ReviewEventInput, ReviewSettingsInput } from '../index.js';
import { integerIn, isArbitrary, optionsObject } from '../../testing/kit-support.js';

/** The author of every generated report. */
export const REVIEW_AUTHOR = 'ana';
/** Who may be a collaborator. */
export const REVIEW_WRITERS = ['ben', 'cy'] as const;
/** Who reviews; writers try to approve too. */
export const REVIEW_REVIEWERS = ['dee', 'eli', 'fay'] as const;
/** Roles an editor may have; `lead` is the one the settings sometimes let through. */
export const REVIEW_ROLES = ['lead', 'tester'] as const;

const everyone = [REVIEW_AUTHOR, ...REVIEW_WRITERS, ...REVIEW_REVIEWERS];

/** Review settings: 1 to 3 approvals, each switch either way, and sometimes the `lead` role let through. */
export function reviewSettingsArb(): fc.Arbitrary<ReviewSettingsInput> {
  return fc.record(
    {
      minApprovals: fc.integer({ min: 1, max: 3 }),
      clearApprovalsOnEdit: fc.boolean(),
      requireApproval: fc.boolean(),
      editRolesInReview: fc.constantFrom<readonly string[]>([], ['lead']),
    },
    { requiredKeys: [] },
  );
}

/** Payloads per review event type (for `scenarioArb`), and their relative weights. */
export const reviewPayloads = /* @__PURE__ */ lazyObject(() => ({
  create_report: fc.record({
    name: fc.constantFrom('Web app pentest report', 'External network report'),
    author: fc.constant(REVIEW_AUTHOR),
    collaborators: fc.subarray([...REVIEW_WRITERS]),
  }),
  add_collaborator: fc.record({ collaborator: fc.constantFrom(...REVIEW_WRITERS, ...REVIEW_REVIEWERS) }),
  edit: fc.record({ editor: fc.constantFrom(...everyone), role: fc.constantFrom(...REVIEW_ROLES) }, { requiredKeys: ['editor'] }),
  approve: fc.record({ reviewer: fc.constantFrom(...everyone) }),
} as const));

/** The generator's rough idea of where the review is: In Review and Approved are one phase to it. */
type Phase = 'draft' | 'submitted' | 'review' | 'published';

/**
 * Which events come next in each phase, and how often: mostly the ones the phase allows, forwards more than back,
 * plus a few the lifecycle must refuse. Steering only: the invariants never read this table.
 */
export const reviewWeights: Readonly<Record<Phase, Readonly<Record<string, number>>>> = {
  draft: { add_collaborator: 1, edit: 3, submit: 5, publish: 1, approve: 1 },
  submitted: { withdraw: 1, start_review: 5, edit: 2, approve: 1, publish: 1 },
  review: { approve: 7, edit: 3, request_changes: 1, publish: 3 },
  published: { reopen: 2, edit: 1, approve: 1 },
};

const AFTER: Readonly<Record<string, Phase>> = {
  submit: 'submitted',
  withdraw: 'draft',
  start_review: 'review',
  request_changes: 'draft',
  publish: 'published',
  reopen: 'draft',
};

const payloadOf = (type: string, payloads: Readonly<Record<string, object>>): object => payloads[type] ?? {};

/** Picks the n-th (mod total weight) event of a phase's table. */
function pick(phase: Phase, n: number): string {
  const table = Object.entries(reviewWeights[phase]);
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let rest = n % total;
  for (const [type, w] of table) {
    if (rest < w) return type;
    rest -= w;
  }
  return table[0]![0];
}

/**
 * Review events without their times, steered by the phase each accepted step is expected to reach.
 * @throws LifecycleError `invalid_input` when `maxLength` is not a whole number, 0 or more.
 */
export function reviewEventsArb(maxLength = 25): fc.Arbitrary<ReviewEventBody[]> {
  if (!Number.isSafeInteger(maxLength) || maxLength < 0) {
    throw new LifecycleError('invalid_input', `reviewEventsArb: maxLength must be a whole number of events, 0 or more (got ${describeValue(maxLength)})`);
  }
  const step = fc.record({ choice: fc.nat(), payloads: fc.record({ add_collaborator: reviewPayloads.add_collaborator, edit: reviewPayloads.edit, approve: reviewPayloads.approve }) });
  return fc.array(step, { maxLength }).map((steps) => {
    let phase: Phase = 'draft';
    return steps.map(({ choice, payloads }) => {
      const type = pick(phase, choice);
      phase = AFTER[type] ?? phase;
      return { type, ...payloadOf(type, payloads) } as ReviewEventBody;
    });
  });
}

/** A report's review: settings, its creation, then up to `maxEvents` events minutes to days apart, in time order. */
export interface ReviewSequence {
  readonly settings: ReviewSettingsInput;
  readonly create: ReviewEventInput;
  readonly events: readonly ReviewEventInput[];
}

/** Generated review sequences, starting between 2024 and 2030 (shrinking keeps the times in order). */
export function reviewSequenceArb(
  input: { readonly maxEvents?: number; readonly id?: string; readonly settings?: fc.Arbitrary<ReviewSettingsInput> } = {},
): fc.Arbitrary<ReviewSequence> {
  // Read once into a copy; each option checked before fast-check sees it (a plain Error or a TypeError otherwise).
  const options = optionsObject(input, 'reviewSequenceArb options');
  integerIn('reviewSequenceArb: maxEvents', options.maxEvents ?? 25, 0, 10_000);
  if (options.settings !== undefined && !isArbitrary(options.settings, 'reviewSequenceArb options')) {
    throw new LifecycleError('invalid_input', 'reviewSequenceArb: settings must be a fast-check arbitrary');
  }
  if (options.id !== undefined && typeof options.id !== 'string') throw new LifecycleError('invalid_input', 'reviewSequenceArb: id must be a string');
  const start = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') });
  const wait = fc.integer({ min: 60_000, max: 3 * 86_400_000 });
  return fc
    .record({
      settings: options.settings ?? reviewSettingsArb(),
      start,
      create: reviewPayloads.create_report,
      events: reviewEventsArb(options.maxEvents ?? 25),
      waits: fc.array(wait, { minLength: options.maxEvents ?? 25, maxLength: options.maxEvents ?? 25 }),
    })
    .map(({ settings, start, create, events: untimed, waits }) => {
      let t = start;
      const at = (ms: number) => new Date(ms).toISOString() as Instant;
      const events = untimed.map((e, i) => {
        t += waits[i] ?? 60_000;
        return { ...e, at: at(t) } as ReviewEventInput;
      });
      return { settings, create: { type: 'create_report', id: options.id ?? 'report-1', at: at(start), ...create } as ReviewEventInput, events };
    });
}

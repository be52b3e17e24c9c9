/**
 * DefectDojo arbitraries: settings, creation events, engagements (valid, and invalid ones for error-path tests) and
 * whole engagement lives on a realistic clock.
 */
import * as fc from 'fast-check';
import { caught, describeValue, eager, instantSchema, lazyObject, LifecycleError, type CalendarDate, type Instant } from '../../core/index.js';

const DAY = 86_400_000;
import { Relative, calendarDateNear, instantArb, relativeDate, timeZoneArb } from '../../testing/kit-support.js';
import {
  DEFECTDOJO_STATUSES,
  defectdojo,
  type DefectDojoEventInput,
  type DefectDojoSettingsInput,
  type DefectDojoState,
} from '../lifecycle/index.js';

/** Tenant settings over their whole range: zones, auto-close on and off with 0..6 days, grace, notices, policy. */
export function defectdojoSettingsArb(): fc.Arbitrary<DefectDojoSettingsInput> {
  return fc.record({
    timeZone: timeZoneArb(),
    autoClose: fc.record({ enabled: fc.boolean(), days: fc.integer({ min: 0, max: 6 }) }),
    overdueGraceDays: fc.record({ Interactive: fc.integer({ min: 0, max: 3 }), 'CI/CD': fc.integer({ min: 0, max: 12 }) }),
    upcomingDays: fc.integer({ min: 0, max: 7 }),
    writePolicy: fc.constantFrom('open' as const, 'closed-when-completed' as const),
    autoCloseClosesJiraEpic: fc.boolean(),
  });
}

/** One of DefectDojo's eight statuses. */
export const defectdojoStatusArb = (): fc.Arbitrary<(typeof DEFECTDOJO_STATUSES)[number]> => fc.constantFrom(...DEFECTDOJO_STATUSES);

// fc.option's nil is null by default: every optional value here is null when absent, as DefectDojo's API sends it.
const jiraProjectArb = /* @__PURE__ */ lazyObject(() => fc.option(fc.record({ projectKey: fc.option(fc.constantFrom('SEC', 'APP')), epicMapping: fc.option(fc.boolean()) })));

/** Start ≤ end, both near the event: start within ±10 days, the engagement 0..20 days long. */
const orderedDates = /* @__PURE__ */ lazyObject(() => fc
  .tuple(fc.integer({ min: -10, max: 10 }), fc.nat(20))
  .map(([start, length]) => ({ targetStart: new Relative<CalendarDate>('date', start), targetEnd: new Relative<CalendarDate>('date', start + length) })));

const createFields = /* @__PURE__ */ lazyObject(() => fc.record(
  {
    productId: fc.constantFrom(139, 140),
    productName: fc.constantFrom('Payments API', 'Mobile app'),
    name: fc.constantFrom('', 'Q1 pentest', 'CI scan'),
    engagementType: fc.constantFrom('Interactive' as const, 'CI/CD' as const),
    status: defectdojoStatusArb(),
    lead: fc.option(fc.constantFrom(7, 8)),
    tags: fc.uniqueArray(fc.constantFrom('PCI', 'pci', 'web', 'Internal'), { maxLength: 3 }),
  },
  { requiredKeys: ['productId', 'name', 'engagementType', 'lead'] },
));

/** References to other DefectDojo records: integer ids, as DefectDojo's API sends them, or none. */
const refs = /* @__PURE__ */ lazyObject(() => fc.record({
  requester: fc.option(fc.constantFrom(3, 4)),
  preset: fc.option(fc.constant(1)),
  reportType: fc.option(fc.constant(2)),
  buildServer: fc.option(fc.constant(5)),
  sourceCodeManagementServer: fc.option(fc.constant(6)),
  orchestrationEngine: fc.option(fc.constant(1)),
}));

/** The DefectDojo kit's payloads: realistic values merged over those derived from the event schemas. */
export const defectdojoPayloads: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = /* @__PURE__ */ lazyObject(() => ({
  create: fc
    .tuple(eager(createFields), eager(orderedDates), eager(refs))
    .map(([fields, dates, ids]) => ({ ...fields, ...ids, ...dates, jira: { project: null, assetProject: null, epic: null } })),
  // Edits move one date or both; about half of them put the start after the end, which must be refused.
  edit: fc
    .tuple(fc.record({ targetStart: relativeDate(-15, 15), targetEnd: relativeDate(-5, 25) }, { requiredKeys: [] }), eager(refs), fc.option(fc.constantFrom(7, 8)))
    .map(([dates, ids, lead]) => ({ ...ids, lead, ...dates })),
  set_status: fc.record({ status: defectdojoStatusArb() }),
  add_test: fc.constant({}),
  import_scan: fc.record({ scanDate: relativeDate(-20, 20) }, { requiredKeys: [] }),
  set_jira: fc.record({ project: eager(jiraProjectArb), assetProject: eager(jiraProjectArb), epic: fc.option(fc.record({ key: fc.constantFrom('SEC-1', 'APP-2') })) }),
  close: fc.constant({}),
  reopen: fc.constant({}),
  clock: fc.constant({}),
}));

/** How often each event type comes in DefectDojo's scenarios (relative weights). */
export const defectdojoWeights: Readonly<Record<string, number>> = {
  clock: 8,
  set_status: 3,
  close: 2,
  reopen: 2,
  add_test: 2,
  import_scan: 2,
  edit: 2,
  set_jira: 1,
};

/** A valid `create` event at `at` (start ≤ end, ids as DefectDojo's integers). */
export function defectdojoCreateArb(at: Instant | Date = '2026-01-05T09:00:00Z' as Instant): fc.Arbitrary<DefectDojoEventInput> {
  const atMs = caught('defectdojoCreateArb', () => (at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : Number.NaN));
  // Start dates fall 30 days either side and end dates up to 60 days after: all of them must be dates a Date holds.
  if (!Number.isFinite(atMs) || !Number.isFinite(new Date(atMs - 31 * DAY).getTime()) || !Number.isFinite(new Date(atMs + 91 * DAY).getTime())) {
    throw new LifecycleError('invalid_input', `defectdojoCreateArb expects an instant (an ISO string or a valid Date) well inside the range of a Date, got ${describeValue(at)}`);
  }
  return fc
    .record({
      id: fc.integer({ min: 1, max: 99_999 }).map(String),
      start: calendarDateNear(atMs, 30),
      length: fc.nat(60),
      fields: createFields,
    })
    .map(({ id, start, length, fields }) => {
      const end = new Date(Date.parse(`${start}T00:00:00Z`) + length * DAY).toISOString().slice(0, 10) as CalendarDate;
      return { type: 'create', id, at, ...fields, targetStart: start, targetEnd: end } as DefectDojoEventInput;
    });
}

/** Valid DefectDojo engagements: created, then moved to a generated status, as the engine produces them. */
export function defectdojoEngagementArb(): fc.Arbitrary<DefectDojoState> {
  return fc
    .tuple(instantArb({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2029-01-01T00:00:00Z') }), defectdojoStatusArb())
    .chain(([at, status]) => defectdojoCreateArb(at).map((create) => ({ create, status, at })))
    .map(({ create, status, at }) => {
      const created = defectdojo.create(create);
      if (!created.ok) throw created.error;
      const later = instantSchema.parse(new Date(Date.parse(at) + 60_000));
      const moved = defectdojo.apply(created.state, { type: 'set_status', at: later, status });
      if (!moved.ok) throw moved.error;
      return moved.state;
    });
}

/** Why an invalid input is invalid, and the input. */
export interface InvalidDefectDojoInput {
  readonly flaw: string;
  readonly value: unknown;
}

/**
 * Invalid DefectDojo inputs for error-path tests: creation events that must be refused (start after end, an
 * unknown status or type, a missing asset, a misspelt field, a bare date as `at`) and stored states that must not
 * load (an unknown status, a broken date, a missing field, another lifecycle's state). Every one must give a typed
 * `LifecycleError`, never a throw.
 */
export function invalidDefectdojoInputArb(): fc.Arbitrary<InvalidDefectDojoInput> {
  const events = defectdojoCreateArb().chain((create) => {
    const c = create as Record<string, unknown>;
    return fc.constantFrom<InvalidDefectDojoInput>(
      { flaw: 'start after end', value: { ...c, targetStart: c['targetEnd'], targetEnd: '2020-01-01' } },
      { flaw: 'unknown status', value: { ...c, status: 'Done' } },
      { flaw: 'unknown type', value: { ...c, engagementType: 'Manual' } },
      { flaw: 'no asset', value: { ...c, productId: undefined } },
      { flaw: 'misspelt field', value: { ...c, target_end: c['targetEnd'] } },
      { flaw: 'a calendar date where an instant belongs', value: { ...c, at: '2026-01-05' } },
      { flaw: 'negative asset id', value: { ...c, productId: -1 } },
    );
  });
  const states = defectdojoEngagementArb().chain((state) => {
    const s = JSON.parse(JSON.stringify(state)) as Record<string, unknown> & { data: Record<string, unknown> };
    return fc.constantFrom<InvalidDefectDojoInput>(
      { flaw: 'state with an unknown status', value: { ...s, status: 'Done' } },
      { flaw: 'state with an impossible date', value: { ...s, data: { ...s.data, targetEnd: '2023-02-30' } } },
      { flaw: 'state without its asset', value: { ...s, data: { ...s.data, productId: undefined } } },
      { flaw: 'state of another lifecycle', value: { ...s, lifecycle: 'plextrac' } },
      { flaw: 'state with a zero version', value: { ...s, version: 0 } },
    );
  });
  return fc.oneof(events, states);
}

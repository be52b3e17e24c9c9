/** Generated DefectDojo engagements' lives, for the property tests. */
import { fc } from '@fast-check/vitest';
import { DEFECTDOJO_STATUSES, type DefectDojoEventInput, type DefectDojoSettingsInput } from '../../src/defectdojo/index.js';
import { calendarDateNear, clockArb, timeZoneArb } from '../../src/testing/arbitraries.js';

export interface DefectDojoScenario {
  readonly settings: DefectDojoSettingsInput;
  readonly create: DefectDojoEventInput;
  readonly events: readonly DefectDojoEventInput[];
}

export const settingsArb: fc.Arbitrary<DefectDojoSettingsInput> = fc.record({
  timeZone: timeZoneArb(),
  autoClose: fc.record({ enabled: fc.boolean(), days: fc.integer({ min: 0, max: 6 }) }),
  overdueGraceDays: fc.record({ Interactive: fc.integer({ min: 0, max: 3 }), 'CI/CD': fc.integer({ min: 0, max: 12 }) }),
  upcomingDays: fc.integer({ min: 0, max: 7 }),
  writePolicy: fc.constantFrom('open' as const, 'closed-when-completed' as const),
  autoCloseClosesJiraEpic: fc.boolean(),
});

const status = fc.constantFrom(...DEFECTDOJO_STATUSES);
const jiraProject = fc.option(
  fc.record({ projectKey: fc.option(fc.constantFrom('SEC', 'APP'), { nil: null }), epicMapping: fc.option(fc.boolean(), { nil: null }) }),
  { nil: null },
);

export function defectDojoScenarioArb({ maxEvents = 25 } = {}): fc.Arbitrary<DefectDojoScenario> {
  return fc
    .record({
      settings: settingsArb,
      t0: fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2029-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime()),
      length: fc.integer({ min: 0, max: maxEvents }),
    })
    .chain(({ settings, t0, length }) => {
      const at0 = new Date(t0).toISOString() as `${number}-${number}-${number}T${string}`;
      const create = fc
        .record({
          start: calendarDateNear(t0, 10),
          days: fc.integer({ min: 0, max: 20 }),
          engagementType: fc.constantFrom('Interactive' as const, 'CI/CD' as const),
          status: fc.option(status, { nil: undefined }),
          lead: fc.option(fc.constantFrom('7', '8'), { nil: null }),
          name: fc.constantFrom('', 'Q1 pentest', 'CI scan'),
        })
        .map(({ start, days, engagementType, status: s, lead, name }): DefectDojoEventInput => {
          const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as `${number}-${number}-${number}`;
          return {
            type: 'create', id: 'eng-1', at: at0, productId: 139, productName: 'Payments API', name,
            targetStart: start, targetEnd: end, engagementType, lead, ...(s ? { status: s } : {}),
          };
        });
      const kinds = fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.constant('clock' as const) },
          { weight: 3, arbitrary: fc.constant('set_status' as const) },
          { weight: 2, arbitrary: fc.constant('close' as const) },
          { weight: 2, arbitrary: fc.constant('reopen' as const) },
          { weight: 2, arbitrary: fc.constant('add_test' as const) },
          { weight: 2, arbitrary: fc.constant('import_scan' as const) },
          { weight: 2, arbitrary: fc.constant('edit' as const) },
          { weight: 1, arbitrary: fc.constant('set_jira' as const) },
        ),
        { minLength: length, maxLength: length },
      );
      const events = fc.tuple(clockArb(t0, length), kinds).chain(([times, ks]) =>
        fc.tuple(
          ...times.map((at, i): fc.Arbitrary<DefectDojoEventInput> => {
            switch (ks[i]!) {
              case 'clock':
                return fc.constant({ type: 'clock', at });
              case 'set_status':
                return status.map((s) => ({ type: 'set_status', at, status: s }));
              case 'close':
                return fc.constant({ type: 'close', at });
              case 'reopen':
                return fc.constant({ type: 'reopen', at });
              case 'add_test':
                return fc.constant({ type: 'add_test', at });
              case 'import_scan':
                return fc.option(calendarDateNear(at, 20), { nil: undefined }).map((scanDate) => ({ type: 'import_scan', at, ...(scanDate ? { scanDate } : {}) }));
              case 'edit':
                return fc
                  .record({ targetStart: fc.option(calendarDateNear(at, 15), { nil: undefined }), targetEnd: fc.option(calendarDateNear(at, 25), { nil: undefined }) })
                  .map((dates) => ({ type: 'edit', at, ...(dates.targetStart ? { targetStart: dates.targetStart } : {}), ...(dates.targetEnd ? { targetEnd: dates.targetEnd } : {}) }));
              case 'set_jira':
                return fc
                  .record({ project: jiraProject, assetProject: jiraProject, epic: fc.option(fc.record({ key: fc.constantFrom('SEC-1', 'APP-2') }), { nil: null }) })
                  .map((j) => ({ type: 'set_jira', at, ...j }));
            }
          }),
        ),
      );
      return fc.record({ settings: fc.constant(settings), create, events });
    });
}

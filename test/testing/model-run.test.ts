/**
 * Model-based testing of a host's own system: the helper passes a host that behaves like the model, and catches
 * hosts that diverge from it, with a short counterexample.
 */
import { describe, expect, it } from 'vitest';
import { dayStartMs, type EngagementState } from '../../src/index.js';
import { plextrac, type PlextracData, type PlextracStatus, type ReportStatus } from '../../src/plextrac/index.js';
import { HostCheckError, checkHostAgainstModel, type HostSystem } from '../../src/testing/index.js';

/** A host that keeps engagements in an (async) database and runs the library's engine: the model exactly. */
function libraryBackedHost(options: { swallowRefusals?: boolean } = {}): HostSystem<{ db: Map<string, string>; settings: unknown }, unknown> {
  return {
    setup: (settings) => ({ db: new Map(), settings }),
    async send(real, event) {
      const engine = plextrac.with({ settings: real.settings as never });
      const stored = real.db.get('eng-1');
      const result = stored === undefined ? engine.create(event as never) : engine.apply(JSON.parse(stored), event as never);
      await Promise.resolve();
      if (!result.ok) return options.swallowRefusals ? { ok: true } : { ok: false, code: result.error.code };
      real.db.set(result.state.id, JSON.stringify(result.state));
      return { ok: true };
    },
    async observe(real, id) {
      await Promise.resolve();
      const stored = real.db.get(id);
      return stored === undefined ? null : { status: JSON.parse(stored).status, version: JSON.parse(stored).version };
    },
  };
}

const projectStatusAndVersion = (s: EngagementState | null) => (s === null ? null : { status: s.status, version: s.version });

interface Row {
  approved: boolean;
  cancelled: boolean;
  reportStatus: ReportStatus | null;
  startDate: string;
  status: PlextracStatus;
}

/**
 * A team's own implementation of PlexTrac's rules, as they might write it: the status re-derived at every event.
 * With `utcMidnight`, it carries the classic bug: the start date is reached at 00:00 UTC, not in the tenant zone.
 */
function handWrittenHost(utcMidnight: boolean): HostSystem<{ rows: Map<string, Row>; zone: string }, unknown> {
  const startReached = (row: Row, now: number, zone: string) =>
    now >= (utcMidnight ? Date.parse(`${row.startDate}T00:00:00Z`) : dayStartMs(row.startDate as never, zone));
  const derive = (row: Row, now: number, zone: string): PlextracStatus => {
    if (row.cancelled) return 'Canceled';
    if (!row.approved) return 'Pending';
    if (row.reportStatus === 'Published') return 'Complete';
    if (row.reportStatus && row.reportStatus !== 'Draft') return 'In Review';
    return startReached(row, now, zone) ? 'In Progress' : 'Scheduled';
  };
  return {
    setup: (settings) => ({ rows: new Map(), zone: (settings as { timeZone?: string } | undefined)?.timeZone ?? 'UTC' }),
    async send(real, event) {
      await Promise.resolve();
      const e = event as { type: string; at: string; startDate: string; reportStatus: ReportStatus | 'Ready For Review' };
      let row = real.rows.get('eng-1');
      if (e.type === 'request' || e.type === 'schedule') {
        row = { approved: e.type === 'schedule', cancelled: false, reportStatus: e.type === 'schedule' ? 'Draft' : null, startDate: e.startDate, status: 'Pending' };
        real.rows.set('eng-1', row);
      } else if (row) {
        if (e.type === 'approve') Object.assign(row, { approved: true, reportStatus: 'Draft' });
        if (e.type === 'report_status_changed') row.reportStatus = e.reportStatus === 'Ready For Review' ? 'Ready for Review' : e.reportStatus;
        if (e.type === 'reschedule') row.startDate = e.startDate;
        if (e.type === 'cancel') row.cancelled = true;
      }
      if (row) row.status = derive(row, Date.parse(e.at), real.zone);
    },
    observe: (real) => {
      const row = real.rows.get('eng-1');
      return row ? { status: row.status, startDate: row.startDate, reportStatus: row.reportStatus } : null;
    },
  };
}

const projectRow = (s: EngagementState | null) => {
  if (s === null) return null;
  const data = s.data as PlextracData;
  return { status: s.status, startDate: data.startDate, reportStatus: data.reportStatus };
};

async function divergence(run: () => Promise<unknown>): Promise<HostCheckError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HostCheckError) return error;
    throw error;
  }
  throw new Error('expected the host to diverge from the model');
}

describe('checkHostAgainstModel', () => {
  it('passes a host that stores states in a database and runs the library, refusals included', async () => {
    const report = await checkHostAgainstModel(plextrac, { host: libraryBackedHost(), project: projectStatusAndVersion, numRuns: 60, maxEvents: 15 });
    expect(report.numRuns).toBe(60);
  });

  it('passes a hand-written implementation of the rules, on the events the model accepts', async () => {
    await checkHostAgainstModel(plextrac, { host: handWrittenHost(false), project: projectRow, validOnly: true, numRuns: 100 });
  });

  it('catches the hand-written host that starts engagements at midnight UTC instead of the tenant zone', async () => {
    const error = await divergence(() => checkHostAgainstModel(plextrac, { host: handWrittenHost(true), project: projectRow, validOnly: true, numRuns: 600 }));
    expect(error.message).toContain('the host diverges from the model');
    expect(error.message).toMatch(/the host shows \{"status":"(In Progress|Scheduled)"/);
    // Shrunk to a creation and at most three events (approve, a new start date, an event just after its midnight).
    expect(error.events!.length).toBeLessThanOrEqual(4);
    expect(error.message).toMatch(/#0 \d{4}-\d\d-\d\dT[\d:.]+Z \[\d{4}-\d\d-\d\d \d\d:\d\d GMT[+-]/);
  }, 60_000);

  it('catches a host that answers 200 to the events the model refuses', async () => {
    const error = await divergence(() =>
      checkHostAgainstModel(plextrac, { host: libraryBackedHost({ swallowRefusals: true }), project: projectStatusAndVersion, numRuns: 200 }),
    );
    expect(error.message).toMatch(/The host accepted "\w+", which the model refuses \[(transition_not_allowed|terminal_state)\]/);
    expect(error.events!.length).toBeLessThanOrEqual(3);
  }, 60_000);

  it('validates its options', async () => {
    await expect(checkHostAgainstModel(plextrac, { host: {} as never, project: () => null })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

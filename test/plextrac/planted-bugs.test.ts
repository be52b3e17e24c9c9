/**
 * The rewritten properties can fail: each is run against a deliberately wrong PlexTrac and must find a
 * counterexample. (The properties they replace stayed green with a Published → In Review mapping planted.)
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { deriveStatus, plextrac, type PlextracStatus } from '../../src/plextrac/index.js';
import { extendWorkflow } from '../../src/workflow/index.js';
import { effectIdsFollowTheRule, statusFollowsTheDocumentation, type Engine } from './spec-properties.js';

const LIVE: PlextracStatus[] = ['Scheduled', 'In Progress', 'In Review', 'Complete'];

/** A PlexTrac whose report-status rule reads Published as a review stage. */
const publishedMisread = extendWorkflow(plextrac, {
  id: 'plextrac-published-misread',
  removeTransitions: [{ on: 'report_status_changed' }],
  transitions: [
    {
      from: LIVE,
      on: 'report_status_changed',
      to: {
        oneOf: LIVE,
        select: (ctx, data) => (data.reportStatus === 'Published' ? 'In Review' : deriveStatus(data, ctx.now, ctx.settings.timeZone)),
      },
      update: ({ state, event }) => ({ ...state.data, reportStatus: event.reportStatus }),
    },
  ],
});

/** A PlexTrac that reaches start dates at 00:00 UTC whatever the tenant's zone. */
const startInUtc = extendWorkflow(plextrac, {
  id: 'plextrac-start-in-utc',
  removeTransitions: [{ on: 'clock', from: 'Scheduled' }],
  transitions: [{ from: 'Scheduled', on: 'clock', to: { oneOf: ['Scheduled', 'In Progress'], select: (ctx, data) => deriveStatus(data, ctx.now, 'UTC') } }],
});

type Result = { ok: boolean; effects?: readonly { id: string }[] } & Record<string, unknown>;

/** The real PlexTrac, with its effect ids rewritten by `rename`. */
function renamingIds(rename: (id: string) => string): Engine {
  const fix = (r: Result) => (r.ok ? { ...r, effects: (r.effects ?? []).map((e) => ({ ...e, id: rename(e.id) })) } : r);
  return {
    create: (event, options) => fix(plextrac.create(event, options) as unknown as Result),
    apply: (state, event, options) => fix(plextrac.apply(state, event, options) as unknown as Result),
  };
}

const fails = (property: fc.IProperty<[never]>) => fc.check(property, { numRuns: 300, seed: 42 }).failed;

describe('planted bugs are found', () => {
  it('the real PlexTrac passes both properties with the seed used below', () => {
    expect(fails(statusFollowsTheDocumentation(plextrac) as never)).toBe(false);
    expect(fails(effectIdsFollowTheRule(plextrac) as never)).toBe(false);
  }, 60_000);

  it('Published mapped to In Review: the status property fails', () => {
    expect(fails(statusFollowsTheDocumentation(publishedMisread) as never)).toBe(true);
  }, 60_000);

  it('start dates reached in UTC instead of the tenant zone: the status property fails', () => {
    expect(fails(statusFollowsTheDocumentation(startInUtc) as never)).toBe(true);
  }, 60_000);

  it('ids numbered by a counter (different on each delivery): the id property fails', () => {
    let n = 0;
    expect(fails(effectIdsFollowTheRule(renamingIds((id) => `${id}#${(n += 1)}`)) as never)).toBe(true);
  }, 60_000);

  it('ids without the version (two changes share an id): the id property fails', () => {
    expect(fails(effectIdsFollowTheRule(renamingIds((id) => id.split(':').filter((_, i) => i !== 2).join(':'))) as never)).toBe(true);
  }, 60_000);
});

/**
 * Retests against a model of parent/child links, stated without the retest code: the parent's open retests are
 * its children whose status is neither finished nor cancelled (the products' own status names), a retest is only
 * ever created from a finished parent, and the parent never leaves its finished status while a child is open.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import { defectDojoRetests, openRetests, plextracRetests, type RetestFamily } from '../../src/retest/index.js';

type Command =
  | { readonly t: 'request' }
  | { readonly t: 'finishChild' | 'cancelChild' | 'reopenChild'; readonly i: number }
  | { readonly t: 'finishParent' | 'reopenParent' | 'cancelParent' | 'clock' };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'request' } as const) },
  { weight: 3, arbitrary: fc.record({ t: fc.constantFrom('finishChild', 'cancelChild', 'reopenChild'), i: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('finishParent', 'reopenParent', 'cancelParent', 'clock') }) },
);

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString() as `${number}-${number}-${number}T${string}`;
const day = (ms: number) => iso(ms).slice(0, 10) as `${number}-${number}-${number}`;

/** One lifecycle's side of the model: its product's status names and the events that finish, reopen and cancel. */
interface Side<St extends { id: string; status: string }> {
  readonly name: string;
  /** The product's own names, written out here rather than read from the retest code. */
  readonly finished: string;
  readonly cancelled: string;
  readonly retests: typeof plextracRetests | typeof defectDojoRetests;
  /** The lifecycle itself: some events reach a retest without the retest code (as the store's sweep does). */
  readonly lifecycle: { apply(state: never, event: never): { ok: boolean; state?: unknown } };
  parent(at: number): St;
  request(at: number, n: number): Record<string, unknown>;
  event(kind: 'finish' | 'reopen' | 'cancel' | 'clock', at: number, pick: number): Record<string, unknown>;
}

const plextracSide: Side<PlextracState> = {
  name: 'PlexTrac',
  finished: 'Complete',
  cancelled: 'Canceled',
  retests: plextracRetests,
  lifecycle: plextrac as never,
  parent: (at) => {
    const r = plextrac.create({ type: 'schedule', id: 'parent', at: iso(at), clientId: 'acme', name: 'Web app', startDate: day(at), operators: ['ana'] });
    if (!r.ok) throw r.error;
    return r.state;
  },
  request: (at, n) => ({ at: iso(at), id: `retest-${n}`, startDate: day(at + 24 * HOUR) }),
  event: (kind, at, pick) =>
    kind === 'finish'
      ? { type: 'report_status_changed', at: iso(at), reportStatus: 'Published' }
      : kind === 'reopen'
        ? { type: 'report_status_changed', at: iso(at), reportStatus: (['Draft', 'In Review', 'Approved'] as const)[pick % 3] }
        : kind === 'cancel'
          ? { type: 'cancel', at: iso(at) }
          : { type: 'clock', at: iso(at) },
};

const dojoSide: Side<DefectDojoState> = {
  name: 'DefectDojo',
  finished: 'Completed',
  cancelled: 'Cancelled',
  retests: defectDojoRetests,
  lifecycle: defectdojo as never,
  parent: (at) => {
    const r = defectdojo.create({ type: 'create', id: '1', at: iso(at), productId: 7, targetStart: day(at), targetEnd: day(at + 48 * HOUR) });
    if (!r.ok) throw r.error;
    return r.state;
  },
  request: (at, n) => ({ at: iso(at), id: `${100 + n}`, targetStart: day(at), targetEnd: day(at + 48 * HOUR) }),
  event: (kind, at, pick) =>
    kind === 'finish'
      ? { type: 'close', at: iso(at) }
      : kind === 'reopen'
        ? pick % 2 === 0
          ? { type: 'reopen', at: iso(at) }
          : { type: 'set_status', at: iso(at), status: (['On Hold', 'Blocked', 'Not Started'] as const)[pick % 3] }
        : kind === 'cancel'
          ? { type: 'set_status', at: iso(at), status: 'Cancelled' }
          : { type: 'clock', at: iso(at) },
};

/* The retest objects share one generic shape; the model calls them through it. */
type AnyRetests = {
  request(p: unknown, f: unknown, r: unknown, o?: unknown): { ok: boolean; error?: { code: string; details: Record<string, unknown> }; retest?: { id: string; status: string }; family?: RetestFamily; link?: { parentId: string; kind: string } };
  applyToParent(f: unknown, p: unknown, e: unknown): { ok: boolean; state?: { status: string }; error?: { code: string; details: Record<string, unknown> } };
  applyToRetest(f: unknown, c: unknown, e: unknown): { ok: boolean; state?: { id: string; status: string }; family?: RetestFamily; error?: { code: string; details: Record<string, unknown> } };
  settleRetest(f: unknown, c: unknown): { ok: boolean; family?: RetestFamily };
};

describe.each([plextracSide, dojoSide] as Side<{ id: string; status: string }>[])('$name retests against a model of links', (side) => {
  const retests = side.retests as unknown as AnyRetests;

  test.prop([fc.array(commandArb, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.nat()], { numRuns: 120 })(
    "the parent's open retests are exactly its children neither finished nor cancelled, and the parent stays finished while one is open",
    (commands, maxOpen, seed) => {
      let at = T0;
      let parent: { id: string; status: string } = side.parent(at);
      // Finish the parent first half of the time, so that requests meet both finished and unfinished parents.
      if (seed % 2 === 0) {
        const done = retests.applyToParent(null, parent, side.event('finish', (at += HOUR), 0));
        if (done.ok) parent = done.state as typeof parent;
      }
      let family: RetestFamily | null = null;
      const children: { id: string; status: string }[] = [];
      const isOpen = (c: { status: string }) => c.status !== side.finished && c.status !== side.cancelled;

      for (const [k, command] of commands.entries()) {
        at += HOUR;
        const openBefore = children.filter(isOpen);
        if (command.t === 'request') {
          const r = retests.request(parent, family, side.request(at, children.length + 1), { policy: { maxOpen } });
          if (r.ok) {
            // Never from an unfinished parent, never past the limit; always linked to the parent.
            expect(parent.status).toBe(side.finished);
            expect(openBefore.length).toBeLessThan(maxOpen);
            expect(r.link).toMatchObject({ kind: 'retest', parentId: parent.id });
            family = r.family!;
            children.push(r.retest!);
          } else {
            expect(r.error!.code).toBe('operation_not_allowed');
            expect(r.error!.details.operation).toBe('request_retest');
            expect(parent.status !== side.finished || openBefore.length >= maxOpen).toBe(true);
          }
        } else if (command.t === 'finishChild' || command.t === 'cancelChild' || command.t === 'reopenChild') {
          if (children.length === 0 || family === null) continue;
          const i = command.i % children.length;
          const kind = command.t === 'finishChild' ? 'finish' : command.t === 'cancelChild' ? 'cancel' : 'reopen';
          if (kind !== 'reopen' && isOpen(children[i]!) && k % 3 === 0) {
            // Finished or cancelled by the lifecycle alone (the store's sweep), then settled.
            const direct = side.lifecycle.apply(children[i] as never, side.event(kind, at, k) as never);
            if (!direct.ok) continue;
            children[i] = direct.state as { id: string; status: string };
            const settled = retests.settleRetest(family, children[i]);
            expect(settled.ok).toBe(true);
            family = settled.family!;
          } else {
            const r = retests.applyToRetest(family, children[i], side.event(kind, at, k));
            if (r.ok) {
              // A closed child never changes status again.
              if (!isOpen(children[i]!)) expect(r.state!.status).toBe(children[i]!.status);
              children[i] = r.state!;
              family = r.family!;
            }
          }
        } else {
          const kind = command.t === 'finishParent' ? 'finish' : command.t === 'reopenParent' ? 'reopen' : command.t === 'cancelParent' ? 'cancel' : 'clock';
          const r = retests.applyToParent(family, parent, side.event(kind, at, k));
          if (r.ok) {
            if (openBefore.length > 0 && parent.status === side.finished) expect(r.state!.status).toBe(side.finished);
            parent = r.state as typeof parent;
          } else if (r.error!.code === 'operation_not_allowed') {
            expect(openBefore.length).toBeGreaterThan(0);
            expect(parent.status).toBe(side.finished);
          }
        }
        const expected = children.filter(isOpen).map((c) => c.id);
        expect(family === null ? [] : openRetests(family).map((l) => l.id)).toEqual(expected);
        // The parent is finished whenever a child is open.
        if (expected.length > 0) expect(parent.status).toBe(side.finished);
      }
    },
  );
});

/**
 * The tenancy property: for random interleavings of every kind of operation on two tenants A and B that use the
 * same ids, (1) no operation on one tenant changes anything the other tenant can see, and (2) every operation on A
 * returns exactly what the same operation returns on a control tenant A′ that got A's operations and never shared
 * a store with B's interleaving. (2) is stated without the store's code: a leak of B's data into A's results would
 * have to appear, identically, in the control's results, where B's operations never ran in between.
 */
import * as fc from 'fast-check';
import { isLifecycleError, lazyObject } from '../../core/index.js';
import { sweep, type EngagementStore, type TenantedStore } from '../../store/index.js';
import { ALL, FAR_FUTURE, json, same, snapshot } from './check.js';
import { deletePlan } from './outbox-cases.js';
import { at, changeWrite, openWrite, probeA, type ProbeState } from './probe.js';
import type { CaseSpec } from './types.js';

const IDS = ['e1', 'e2'] as const;
const KEYS = IDS.map((id) => ({ lifecycle: 'probe-a', id }));

type OpKind = 'create' | 'edit' | 'close' | 'delete' | 'put' | 'reschedule' | 'sweep' | 'deliver' | 'read';
interface Op {
  readonly tenant: 0 | 1;
  readonly kind: OpKind;
  readonly id: (typeof IDS)[number];
  /** Minutes after the op's instant at which a created engagement falls due. */
  readonly due: number;
}

const opArb: fc.Arbitrary<Op> = /* @__PURE__ */ lazyObject(() => fc.record({
  tenant: fc.constantFrom(0 as const, 1 as const),
  kind: fc.constantFrom<OpKind>('create', 'create', 'edit', 'close', 'delete', 'put', 'reschedule', 'sweep', 'deliver', 'read'),
  id: fc.constantFrom(...IDS),
  due: fc.integer({ min: 0, max: 40 }),
}));

/** Runs one operation at `minute` with `mark` in every note and asset; returns what the store answered. */
async function perform(store: EngagementStore, op: Op, minute: number, mark: string): Promise<unknown> {
  const key = { lifecycle: 'probe-a', id: op.id };
  const current = async () => (await store.get(key))?.state as ProbeState | undefined;
  try {
    switch (op.kind) {
      case 'create':
        return await store.save(openWrite(probeA, op.id, { asset: mark, due: minute + op.due, note: mark, at: minute }));
      case 'edit':
      case 'close': {
        const state = await current();
        if (!state) return 'none';
        const event = op.kind === 'edit' ? ({ type: 'edit', at: at(minute), note: `${mark}${minute}` } as const) : ({ type: 'close', at: at(minute) } as const);
        return await store.save(changeWrite(probeA, state, event));
      }
      case 'delete': {
        const state = await current();
        return state ? await store.executeDelete(deletePlan(state, { minute, deletes: [`note:${op.id}`] })) : 'none';
      }
      case 'put':
        return await store.records.put({ kind: 'note', id: op.id, engagement: key, parent: null, data: { mark } });
      case 'reschedule': {
        const state = await current();
        return state ? await store.reschedule(key, state.version, at(minute + op.due)) : 'none';
      }
      case 'sweep': {
        const { problems, ...summary } = await sweep(store, { lifecycles: [probeA], now: at(minute) });
        return { ...summary, problems: problems.length };
      }
      case 'deliver': {
        const pending = await store.outbox.pending({ limit: ALL });
        // All of them: an adapter that marks by effect id alone then meets the other tenant's copies more often.
        await store.outbox.markDelivered(pending.map((e) => e.effect.id));
        return pending.map((e) => e.effect);
      }
      case 'read':
        return {
          list: (await store.list({ limit: ALL })).items,
          due: (await store.due({ now: FAR_FUTURE, limit: ALL })).items,
          history: await store.audit.history(key),
          records: await store.records.of(key),
        };
    }
  } catch (error) {
    if (isLifecycleError(error)) return { refused: error.code };
    throw error;
  }
}

let runs = 0;

async function isolated(store: TenantedStore, ops: readonly Op[]): Promise<void> {
  const run = runs++;
  const names = [`p${run}-a`, `p${run}-b`];
  const controls = [`p${run}-a-control`, `p${run}-b-control`];
  const marks = ['A', 'B'];
  for (const [i, op] of ops.entries()) {
    const minute = (i + 1) * 10;
    const other = store.tenant(names[1 - op.tenant]!);
    const before = await snapshot(other, KEYS);
    const result = json(await perform(store.tenant(names[op.tenant]!), op, minute, marks[op.tenant]!));
    same(await snapshot(other, KEYS), before, `operation ${i} (${op.kind} ${op.id} in tenant ${marks[op.tenant]}) changed the other tenant`);
    const control = json(await perform(store.tenant(controls[op.tenant]!), op, minute, marks[op.tenant]!));
    same(result, control, `operation ${i} (${op.kind} ${op.id} in tenant ${marks[op.tenant]}) answered otherwise than in a tenant of its own`);
  }
}

/** The fast-check property of tenant isolation, as a contract case. */
export const tenantIsolationProperty: CaseSpec = {
  name: 'property: no operation for one tenant returns, changes or emits anything of another tenant',
  async body({ store }) {
    runs = 0;
    // Few runs: each one is dozens of round trips on a database adapter; the interleavings are what varies.
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), (ops) => isolated(store, ops)),
      { numRuns: 12, endOnFailure: true },
    );
  },
};

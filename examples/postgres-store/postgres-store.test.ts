/** The example runs on PGlite: two tenants a day apart, swept together, each at its own midnight. */
import { PGlite } from '@electric-sql/pglite';
import { plextrac } from 'engagement-lifecycle/plextrac';
import { pgliteDatabase } from 'engagement-lifecycle/postgres';
import { expect, it } from 'vitest';
import { setUp } from './index.js';

it('sweeps two tenants in Pacific/Kiritimati and Pacific/Pago_Pago, each at its own midnight', async () => {
  const pglite = await PGlite.create();
  try {
    const tenants = await setUp(pgliteDatabase(pglite));
    for (const tenant of ['kiritimati-labs', 'pago-security']) {
      const e = await tenants.tenant(tenant);
      await e.create(plextracRequest.lifecycle, { ...plextracRequest.event, clientId: tenant });
      await e.apply(plextracRequest.lifecycle, 'eng-1', { type: 'approve', at: '2026-03-02T00:00:00Z', operators: ['alice'] });
    }
    expect(await tenants.sweep({ now: '2026-03-08T10:00:00Z' })).toMatchObject({ tenants: 1, changed: 1 }); // Kiritimati's midnight
    expect(await tenants.sweep({ now: '2026-03-09T11:00:00Z' })).toMatchObject({ tenants: 1, changed: 1 }); // Pago Pago's, 25 h later
    const status = async (t: string) => (await tenants.store.tenant(t).get({ lifecycle: 'plextrac', id: 'eng-1' }))?.state.status;
    expect([await status('kiritimati-labs'), await status('pago-security')]).toEqual(['In Progress', 'In Progress']);
  } finally {
    await pglite.close();
  }
}, 120_000);

const plextracRequest = {
  lifecycle: plextrac,
  event: { type: 'request', id: 'eng-1', at: '2026-03-01T00:00:00Z', name: 'Web', startDate: '2026-03-09' } as const,
};

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { plextrac } from '../../src/plextrac/index.js';
import { receivePlextracWebhook, type SeenDeliveries } from '../../src/plextrac/webhook/index.js';
import { ERROR_CODES } from '../../src/index.js';

const SECRET = 'whsec-test-3f9a';
const AT = '2026-03-14T09:00:05.000Z';

// A "report published" delivery as PlexTrac documents the WebhookPayload, signed the way PlexTrac's docs show
// (Node's HMAC-SHA256 over the JSON.stringify'd payload, hex): an implementation independent of Web Crypto.
const payload = {
  cuid: 'clx0delivery0001',
  actorCuid: 'clx0user0042',
  event: 'ReportPublished',
  targetCuid: 'clx0report0007',
  targetType: 'report',
  text: 'Report "Web app pentest" was published',
};
const body = JSON.stringify(payload);
const sign = (text: string | Buffer, secret = SECRET, encoding: 'hex' | 'base64' = 'hex') => createHmac('sha256', secret).update(text).digest(encoding);

const deliver = (over: Partial<{ body: string | Uint8Array; headers: unknown; secret: string; seen: SeenDeliveries }> = {}) =>
  receivePlextracWebhook({
    body: over.body ?? body,
    headers: (over.headers ?? { 'X-Authorization-HMAC-256': sign(body) }) as never,
    secret: over.secret ?? SECRET,
    receivedAt: AT,
    ...(over.seen ? { seen: over.seen } : {}),
  });

describe('PlexTrac webhook fixtures', () => {
  it('a validly signed "report published" delivery is accepted and means report_status_changed → Published', async () => {
    const r = await deliver();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.deliveryId).toBe('clx0delivery0001');
    expect(r.targets).toEqual(['clx0report0007']);
    expect(r.targetType).toBe('report');
    expect(r.event).toEqual({ type: 'report_status_changed', at: AT, reportStatus: 'Published', actor: 'clx0user0042' });
    expect(Object.isFrozen(r.payload)).toBe(true);
  });

  it('a tampered body is refused: invalid_signature, problem mismatch', async () => {
    const tampered = body.replace('ReportPublished', 'ReportPublishee');
    const r = await deliver({ body: tampered });
    expect(!r.ok && r.error.code).toBe('invalid_signature');
    expect(!r.ok && r.error.details['problem']).toBe('mismatch');
  });

  it('a replayed delivery is recognised, from a set or an async lookup', async () => {
    const fromSet = await deliver({ seen: new Set(['clx0delivery0001']) });
    expect(!fromSet.ok && fromSet.error.details['by']).toBe('id');
    expect(!fromSet.ok && fromSet.error.code).toBe('duplicate_delivery');
    const fromLookup = await deliver({ seen: async (id) => id === 'clx0delivery0001' });
    expect(!fromLookup.ok && fromLookup.error.code).toBe('duplicate_delivery');
    const fresh = await deliver({ seen: new Set(['another']) });
    expect(fresh.ok).toBe(true);
    // A retry with the same body under a new cuid is recognised by its fingerprint (the body's HMAC).
    const fingerprint = fresh.ok ? fresh.fingerprint : '';
    expect(fingerprint).toBe(sign(body));
    const renamed = JSON.stringify({ ...payload, cuid: 'clx0delivery0002' });
    const byBody = await deliver({ body: renamed, headers: { 'X-Authorization-HMAC-256': sign(renamed) }, seen: new Set([sign(renamed)]) });
    expect(!byBody.ok && byBody.error.code).toBe('duplicate_delivery');
    expect(!byBody.ok && byBody.error.details['by']).toBe('fingerprint');
  });

  it('the event it gives moves an engagement In Review to Complete', async () => {
    const r = await deliver();
    if (!r.ok || !r.event) throw new Error('expected an event');
    const created = plextrac.create({ type: 'schedule', id: 'eng', at: '2026-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2026-03-02' });
    if (!created.ok) throw created.error;
    const inReview = plextrac.apply(created.state, { type: 'report_status_changed', at: '2026-03-10T00:00:00Z', reportStatus: 'In Review' });
    if (!inReview.ok) throw inReview.error;
    const done = plextrac.apply(inReview.state, r.event);
    expect(done.ok && done.state.status).toBe('Complete');
  });
});

describe('signatures', () => {
  it('accepts base64, a sha256= prefix, a Fetch Headers object and any header-name case', async () => {
    expect((await deliver({ headers: { 'x-authorization-hmac-256': sign(body, SECRET, 'base64') } })).ok).toBe(true);
    expect((await deliver({ headers: { 'X-AUTHORIZATION-HMAC-256': `sha256=${sign(body)}` } })).ok).toBe(true);
    expect((await deliver({ headers: new Headers({ 'X-Authorization-HMAC-256': sign(body) }) })).ok).toBe(true);
    expect((await deliver({ body: new TextEncoder().encode(body) })).ok).toBe(true);
  });

  it('refuses a wrong secret, a missing header and a malformed one', async () => {
    const cases = [
      [{ 'X-Authorization-HMAC-256': sign(body, 'other-secret') }, 'mismatch'],
      [{}, 'missing'],
      [{ 'X-Authorization-HMAC-256': 'not-a-signature' }, 'malformed'],
    ] as const;
    for (const [headers, problem] of cases) {
      const r = await deliver({ headers });
      expect(!r.ok && r.error.code).toBe('invalid_signature');
      expect(!r.ok && r.error.details['problem']).toBe(problem);
    }
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 255 })])('any changed byte of the body is refused', async (at, flip) => {
    const bytes = new TextEncoder().encode(body);
    const i = at % bytes.length;
    bytes[i] = bytes[i]! ^ flip;
    const r = await deliver({ body: bytes });
    expect(!r.ok && r.error.code).toBe('invalid_signature');
  });
});

describe('junk input', () => {
  it('a signed body that is not JSON, or not a WebhookPayload, is invalid_input', async () => {
    for (const text of ['not json', '[]', JSON.stringify({ ...payload, cuid: '' }), JSON.stringify({ ...payload, targetCuids: ['a'] })]) {
      const r = await deliver({ body: text, headers: { 'X-Authorization-HMAC-256': sign(text) } });
      expect(!r.ok && r.error.code, text).toBe('invalid_input');
    }
  });

  test.prop([fc.anything()])('any value as a delivery gives a typed error, never a rejection', async (value) => {
    const r = await receivePlextracWebhook(value as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });

  test.prop([fc.jsonValue()])('any signed JSON body gives a result or invalid_input', async (json) => {
    const text = JSON.stringify(json) ?? 'null';
    const r = await deliver({ body: text, headers: { 'X-Authorization-HMAC-256': sign(text) } });
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
  });

  it('another event is recognised without a lifecycle event', async () => {
    const text = JSON.stringify({ ...payload, event: 'FindingPublished', targetCuid: undefined, targetCuids: ['f1', 'f2'], targetType: 'finding' });
    const r = await deliver({ body: text, headers: { 'X-Authorization-HMAC-256': sign(text) } });
    expect(r.ok && r.event).toBeNull();
    expect(r.ok && r.targets).toEqual(['f1', 'f2']);
  });
});

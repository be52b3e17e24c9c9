/**
 * Receiving a PlexTrac webhook (`src/plextrac/webhook/`), stated from its documentation: each refusal's words (the
 * delivery's shape, a body that is not JSON or not valid UTF-8, a payload without exactly one target, a retry by id
 * or by body, a host lookup that fails, a caller's getter that throws, a runtime without Web Crypto); the signature
 * header read whole (a prefix only at its start, nothing before or after); a lookup's answer counted only when it is
 * `true`; every target of a delivery. Signed with Node's HMAC (independent of the Web Crypto the library uses).
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { receivePlextracWebhook, type SeenDeliveries } from '../../src/plextrac/index.js';
import type { LifecycleError } from '../../src/index.js';
import { trap } from '../fuzz/refusals.js';

const SECRET = 'whsec-rules-7c21';
const AT = '2026-03-14T09:00:05.000Z';
const HEADER = 'X-Authorization-HMAC-256';
const published = { cuid: 'clx0delivery0009', event: 'ReportPublished', targetCuid: 'clx0report0003' };
const hmac = (body: string | Uint8Array, encoding: 'hex' | 'base64' = 'hex') => createHmac('sha256', SECRET).update(body).digest(encoding);

function receive(body: string | Uint8Array, options: { header?: string; seen?: SeenDeliveries; headers?: unknown } = {}) {
  return receivePlextracWebhook({
    body,
    headers: ('headers' in options ? options.headers : { [HEADER]: options.header ?? hmac(body) }) as never,
    secret: SECRET,
    receivedAt: AT,
    ...(options.seen ? { seen: options.seen } : {}),
  });
}

async function refusal(result: Promise<{ readonly ok: boolean; readonly error?: LifecycleError }>): Promise<LifecycleError> {
  const r = await result;
  if (r.ok || !r.error) throw new Error('expected a refusal');
  return r.error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the delivery and its body', () => {
  it('headers that are not an object are refused as the delivery\'s shape', async () => {
    for (const headers of ['x-authorization-hmac-256: abc', 7, null]) {
      const e = await refusal(receive(JSON.stringify(published), { headers }));
      expect(e.code).toBe('invalid_input');
      expect(e.message.startsWith('Invalid PlexTrac webhook delivery:\n')).toBe(true);
      expect(e.issues).toEqual([expect.objectContaining({ path: ['headers'], message: 'expected a Headers object or a record' })]);
    }
  });

  it('a signed body that is not JSON is refused with the parser\'s reason', async () => {
    const e = await refusal(receive('{"cuid": '));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^PlexTrac webhook: the body is not JSON \(.+\)\.$/);
  });

  it('signed bytes that are not valid UTF-8 are refused, not read with replacement characters', async () => {
    const text = JSON.stringify({ ...published, text: 'caf\u00e9' });
    const bytes = new TextEncoder().encode(text);
    const broken = Uint8Array.from(bytes, (b) => (b === 0xa9 ? 0xff : b));
    const e = await refusal(receive(broken));
    expect(e.message).toMatch(/^PlexTrac webhook: the body is not JSON \(/);
    expect((await receive(bytes)).ok).toBe(true);
  });

  it('a payload needs exactly one of targetCuid and targetCuids, and a non-empty targetCuids', async () => {
    const { targetCuid: _t, ...noTarget } = published;
    for (const payload of [noTarget, { ...published, targetCuids: ['r2'] }, { ...noTarget, targetCuids: [] }]) {
      const e = await refusal(receive(JSON.stringify(payload)));
      expect(e.code).toBe('invalid_input');
      expect(e.message.startsWith('Invalid PlexTrac webhook payload:\n')).toBe(true);
    }
    const e = await refusal(receive(JSON.stringify(noTarget)));
    expect(e.issues).toEqual([expect.objectContaining({ path: ['targetCuid'], message: 'exactly one of targetCuid and targetCuids is expected' })]);
  });

  it('every target of a delivery is given, one or many', async () => {
    const { targetCuid: _t, ...noTarget } = published;
    const many = await receive(JSON.stringify({ ...noTarget, targetCuids: ['r1', 'r2', 'r3'] }));
    expect(many.ok && many.targets).toEqual(['r1', 'r2', 'r3']);
    const one = await receive(JSON.stringify(published));
    expect(one.ok && one.targets).toEqual(['clx0report0003']);
  });

  it('a getter of the delivery that throws is its refusal, frozen', async () => {
    const r = await receivePlextracWebhook(trap() as never);
    expect(r.ok).toBe(false);
    expect(Object.isFrozen(r)).toBe(true);
    if (!r.ok) expect(r.error.message).toBe('Invalid input to receivePlextracWebhook: reading it threw (Error: trap)');
  });
});

describe('the signature header', () => {
  const body = JSON.stringify(published);

  it('takes a sha256= prefix only at its start, and nothing before or after the signature', async () => {
    expect((await receive(body, { header: `sha256=${hmac(body)}` })).ok).toBe(true);
    expect((await receive(body, { header: `SHA256=${hmac(body, 'base64')}` })).ok).toBe(true);
    const hex = hmac(body);
    for (const header of [`xsha256=${hex}`, `${hex.slice(0, 10)}sha256=${hex.slice(10)}`, `x${hmac(body, 'base64')}`, `${hmac(body, 'base64')}x`, `${hmac(body)}0`]) {
      const e = await refusal(receive(body, { header }));
      expect([header, e.code, e.details]).toEqual([header, 'invalid_signature', { header: 'x-authorization-hmac-256', problem: 'malformed' }]);
    }
  });

  it('a runtime without Web Crypto is told so, after the header was read', async () => {
    vi.stubGlobal('crypto', undefined);
    const e = await refusal(receive(body));
    expect(e.code).toBe('operation_not_allowed');
    expect(e.message).toBe('PlexTrac webhook: this runtime has no Web Crypto (globalThis.crypto.subtle).');
  });
});

describe('retries', () => {
  const body = JSON.stringify(published);

  it('a retry by id or by body is refused in words that say which', async () => {
    const byId = await refusal(receive(body, { seen: new Set([published.cuid]) }));
    expect(byId.code).toBe('duplicate_delivery');
    expect(byId.message).toBe(
      'PlexTrac webhook delivery "clx0delivery0009" was already processed: PlexTrac retries a delivery up to 5 times, and this is a retry. Acknowledge it (2xx) and do nothing.',
    );
    const byBody = await refusal(receive(body, { seen: new Set([hmac(body)]) }));
    expect(byBody.message).toBe(
      'PlexTrac webhook delivery "clx0delivery0009" was already processed (the same body was): PlexTrac retries a delivery up to 5 times, and this is a retry. Acknowledge it (2xx) and do nothing.',
    );
    expect(byBody.details).toEqual({ deliveryId: 'clx0delivery0009', by: 'fingerprint' });
  });

  it('a lookup\'s answer counts as seen only when it is true', async () => {
    expect((await receive(body, { seen: () => false })).ok).toBe(true);
    expect((await receive(body, { seen: async () => 'yes' as never })).ok).toBe(true);
    expect((await refusal(receive(body, { seen: async () => true }))).code).toBe('duplicate_delivery');
  });

  it('a lookup that fails is the host\'s mistake, in its words', async () => {
    const e = await refusal(
      receive(body, {
        seen: () => {
          throw new Error('redis down');
        },
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('PlexTrac webhook: the host\'s "seen" lookup failed: redis down');
  });
});

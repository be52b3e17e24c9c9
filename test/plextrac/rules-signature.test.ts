/**
 * PlexTrac's webhook signature rules (`X-Authorization-HMAC-256`: HMAC-SHA256 of the raw body with the webhook's
 * secret), checked with Node's own `createHmac` as the independent signer, so that every mutant of
 * `src/plextrac/webhook/signature.ts` meets a rule: which headers count, which encodings, which refusals.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headerValue, PLEXTRAC_SIGNATURE_HEADER, signatureBytes, signatureRefusalOf } from '../../src/plextrac/webhook/index.js';
import { isLifecycleError } from '../../src/index.js';

const SECRET = 'whsec-test-3f9a';
const BODY = '{"cuid":"c1","event":"ReportPublished"}';
const mac = (body: string | Buffer = BODY, secret = SECRET) => createHmac('sha256', secret).update(body).digest();
const hex = (b = mac()) => b.toString('hex');
const b64 = (b = mac()) => b.toString('base64');

describe('headerValue: the header, whatever the case of its name; once only', () => {
  const table: [string, Record<string, string | string[] | undefined>, string | null][] = [
    ['lower case', { 'x-authorization-hmac-256': 'v' }, 'v'],
    ['PlexTrac\'s case', { 'X-Authorization-HMAC-256': 'v' }, 'v'],
    ['upper case', { 'X-AUTHORIZATION-HMAC-256': 'v' }, 'v'],
    ['among others', { 'content-type': 'application/json', 'X-Authorization-HMAC-256': 'v', host: 'h' }, 'v'],
    ['absent', { 'content-type': 'application/json' }, null],
    ['undefined', { 'x-authorization-hmac-256': undefined }, null],
    ['sent once, as Node lists it', { 'x-authorization-hmac-256': ['v'] }, 'v'],
    ['sent twice: ambiguous, so none', { 'x-authorization-hmac-256': ['v', 'w'] }, null],
    ['an empty list', { 'x-authorization-hmac-256': [] }, null],
    ['a similar name only', { 'x-authorization-hmac-2566': 'v', 'authorization': 'v' }, null],
  ];
  it.each(table)('%s', (_name, headers, expected) => {
    expect(headerValue(headers, PLEXTRAC_SIGNATURE_HEADER)).toBe(expected);
  });

  it('a Fetch Headers object is asked by name', () => {
    expect(headerValue(new Headers({ 'X-Authorization-HMAC-256': 'v' }), PLEXTRAC_SIGNATURE_HEADER)).toBe('v');
    expect(headerValue(new Headers(), PLEXTRAC_SIGNATURE_HEADER)).toBeNull();
  });
});

describe('signatureBytes: 32 bytes from hex or base64, with an optional sha256= prefix', () => {
  const bytes = [...mac()];
  const accepted: [string, string][] = [
    ['hex', hex()],
    ['upper-case hex', hex().toUpperCase()],
    ['sha256= and hex', `sha256=${hex()}`],
    ['SHA256= and hex', `SHA256=${hex()}`],
    ['base64', b64()],
    ['sha256= and base64', `sha256=${b64()}`],
    ['surrounding spaces', `  ${hex()}\t`],
  ];
  it.each(accepted)('%s', (_name, header) => {
    expect([...signatureBytes(header)!]).toEqual(bytes);
  });

  it('every byte is read, in order (a signature of all byte values)', () => {
    const all = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
    expect([...signatureBytes(all.toString('hex'))!]).toEqual([...all]);
    expect([...signatureBytes(all.toString('base64'))!]).toEqual([...all]);
  });

  const refused: [string, string][] = [
    ['empty', ''],
    ['63 hex digits', hex().slice(1)],
    ['65 hex digits', `${hex()}0`],
    ['a non-hex digit', `g${hex().slice(1)}`],
    ['hex inside other text', `x${hex()}`],
    ['base64 without its padding', b64().slice(0, -1)],
    ['base64 one character short', `${b64().slice(0, 42)}=`],
    ['a base64url character', `-${b64().slice(1)}`],
    ['another prefix', `sha1=${hex()}`],
    ['a SHA-512 digest', createHmac('sha512', SECRET).update(BODY).digest('hex')],
  ];
  it.each(refused)('%s: none', (_name, header) => {
    expect(signatureBytes(header)).toBeNull();
  });
});

describe('signatureRefusalOf', () => {
  const problem = async (body: string | Uint8Array, header: string | null, secret = SECRET) => {
    const r = await signatureRefusalOf(body, header, secret);
    return r === null ? null : `${r.code}${r.code === 'invalid_signature' ? `/${String((r.details as { problem: string }).problem)}` : ''}`;
  };

  it('PlexTrac\'s signature of the raw body, as text or bytes, is accepted', async () => {
    expect(await problem(BODY, hex())).toBeNull();
    expect(await problem(new TextEncoder().encode(BODY), b64())).toBeNull();
    expect(await problem('', hex(mac('')))).toBeNull();
  });

  it('each refusal says which problem, names the header and the fix', async () => {
    expect(await problem(BODY, null)).toBe('invalid_signature/missing');
    expect(await problem(BODY, 'abc')).toBe('invalid_signature/malformed');
    expect(await problem(BODY, hex(mac(BODY, 'other')))).toBe('invalid_signature/mismatch');
    expect(await problem(`${BODY} `, hex())).toBe('invalid_signature/mismatch');
    const r = await signatureRefusalOf(BODY, null, SECRET);
    expect(isLifecycleError(r)).toBe(true);
    expect(r!.message).toBe(
      'PlexTrac webhook refused: no x-authorization-hmac-256 header. Check the webhook\'s secret, and sign the raw body, not re-serialised JSON.',
    );
    expect(r!.details).toEqual({ header: 'x-authorization-hmac-256', problem: 'missing' });
    expect((await signatureRefusalOf(BODY, 'abc', SECRET))!.message).toContain('the x-authorization-hmac-256 header is not an HMAC-SHA256 signature in hex or base64');
    expect((await signatureRefusalOf(BODY, hex(mac(BODY, 'x')), SECRET))!.message).toContain('the signature does not match the body');
  });

  it('an empty or missing secret is the host\'s mistake (invalid_input), checked before the header', async () => {
    for (const secret of ['', undefined, 42]) {
      const r = await signatureRefusalOf(BODY, null, secret as never);
      expect(r?.code).toBe('invalid_input');
      expect(r?.message).toContain('the secret must be a non-empty string');
    }
  });
});

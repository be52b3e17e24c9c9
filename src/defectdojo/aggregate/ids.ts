/** Ids as DefectDojo orders them, and short hex tags derived from ids. */
import { fnv1a32 } from '../../core/index.js';

const DIGITS = /^\d+$/;

/**
 * DefectDojo's order of ids: integers, so "10" comes after "9". Ids that are not decimal integers (a host's own
 * ids) come after the integer ones, in code-unit order. A total order: equal only for equal strings.
 */
export function compareIds(a: string, b: string): number {
  const an = DIGITS.test(a);
  const bn = DIGITS.test(b);
  if (an && bn) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1;
  } else if (an !== bn) {
    return an ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** True when `id` is a DefectDojo id: a decimal integer that fits a JSON number exactly. */
export function isDojoId(id: string): boolean {
  return DIGITS.test(id) && Number.isSafeInteger(Number(id));
}

/**
 * Eight lower-case hex characters derived from `id` (32-bit FNV-1a over its UTF-16 code units). DefectDojo takes
 * them from a random UUID; the library derives them from the copy's new id so that a replay gives the same title.
 */
export function hexTag(id: string): string {
  return fnv1a32(id).toString(16).padStart(8, '0');
}

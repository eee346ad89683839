// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * nbproject's id alphabet: digits, then upper case, then lower case letters
 * (Python's `string.digits + string.ascii_letters.swapcase()`).
 */
export const ID_ALPHABET =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Length of an nbproject id.
 */
export const ID_LENGTH = 12;

/**
 * A source of cryptographically strong random bytes, shaped like
 * `crypto.getRandomValues` so tests can inject their own.
 */
export type RandomBytes = (buffer: Uint8Array) => Uint8Array;

/**
 * Generate a 12-character base62 nbproject id.
 *
 * Each character is drawn uniformly: bytes of 248 or more are rejected
 * because 248 = 4 * 62 is the largest multiple of 62 below 256, so
 * `byte % 62` has no modulo bias on the bytes that are kept.
 *
 * @param random - source of random bytes; defaults to WebCrypto.
 */
export function generateId(random: RandomBytes = Private.webCrypto): string {
  let id = '';
  const buffer = new Uint8Array(32);
  while (id.length < ID_LENGTH) {
    random(buffer);
    for (const byte of buffer) {
      if (byte < Private.LIMIT && id.length < ID_LENGTH) {
        id += ID_ALPHABET[byte % ID_ALPHABET.length];
      }
    }
  }
  return id;
}

/**
 * Whether a string has the shape of an id nbproject generates.
 */
export function isNbprojectId(value: string): boolean {
  return Private.ID_PATTERN.test(value);
}

/**
 * Format a moment as Python's `datetime.now(timezone.utc).isoformat()` does:
 * `2022-07-18T12:32:21.625107+00:00`, microseconds omitted when zero.
 *
 * JavaScript clocks have millisecond resolution, so the last three of the
 * six fractional digits are always zero.
 */
export function formatTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2022-07-18T12:32:21.625Z
  const base = iso.slice(0, 19);
  const millis = date.getUTCMilliseconds();
  const fraction =
    millis === 0 ? '' : `.${String(millis * 1000).padStart(6, '0')}`;
  return `${base}${fraction}+00:00`;
}

/**
 * Parse an ISO 8601 timestamp as nbproject writes it (or any offset form
 * `Date` understands). Fractions beyond milliseconds are ignored.
 *
 * @returns the moment, or `null` when the text is not a timestamp.
 */
export function parseTimestamp(value: string): Date | null {
  const match = Private.TIMESTAMP.exec(value);
  if (!match) {
    return null;
  }
  const [, head, fraction = '', zone = ''] = match;
  const millis = fraction ? `.${(fraction + '000').slice(0, 3)}` : '';
  // Python's isoformat without an offset means local time; nbproject always
  // writes an offset, so treat a missing one as UTC for a stable display.
  const date = new Date(`${head}${millis}${zone || 'Z'}`);
  return isNaN(date.getTime()) ? null : date;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Bytes at or above this value are rejected (4 * 62).
   */
  export const LIMIT = 248;

  export const ID_PATTERN = /^[0-9A-Za-z]{12}$/;

  export const TIMESTAMP =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

  /**
   * WebCrypto, present in browsers and in Node 18+ as `globalThis.crypto`.
   */
  export function webCrypto(buffer: Uint8Array): Uint8Array {
    return globalThis.crypto.getRandomValues(buffer);
  }
}

import { createHash } from 'node:crypto';

/**
 * A deterministic, RFC 4122-shaped UUID (version 5 layout) for `key` within `namespace`.
 * Seeds and tests rebuild the same world on every run, so ids must come from names, not chance.
 * A NUL separates the parts so ('ab', 'c') and ('a', 'bc') never collide.
 */
export function stableId(namespace: string, key: string): string {
  const bytes = createHash('sha1').update(`${namespace}\u0000${key}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

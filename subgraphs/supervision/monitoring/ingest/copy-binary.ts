// The import's rows in COPY's binary format (issue 14). In text format PostgreSQL parses every
// uuid, instant and decimal of a million samples, a fifth of its work on the import, and the
// import's one statement stream runs on one core: the same million rows COPYed into the scale-100
// world from a file on the server took 10.3–11.0 s as text and 8.2–8.9 s as binary. Here each value
// goes as the server stores it, from text the import has already checked (sample-rows.ts): the
// same values PostgreSQL would have read from that text (copy-binary.test.ts compares the two).
//
// The format: a signature and two zero words, then per row a field count and each field as its
// length and bytes (-1 for NULL), then -1.

import { isUuid } from '../../../kit/ids';
import { parseInstant } from '../../../kit/instants';

/** Begins every binary COPY: the signature, no flags, no header extension. */
export const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** Ends every binary COPY. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** What a column holds, as the sample tables declare it. */
export type BinaryColumn = 'uuid' | 'timestamptz' | 'numeric' | 'int4' | 'int8' | 'text';

/** Microseconds are counted from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
/** The caches of uuids and instants are emptied past this size, so a file of ever new values cannot fill memory. */
const CACHE_MAX = 100_000;
const FIRST_CHUNK_BYTES = 256 * 1024;
const EMPTY = Buffer.alloc(0);
const ZERO = 48;

/**
 * Rows in COPY's binary format, built into one buffer: `row(n)`, then n values (`value`,
 * `integer`, or `fields` for values encoded once before), then `take()` for the bytes so far.
 * Values are given as checked text: a uuid, an ISO 8601 instant with its offset, a plain
 * non-negative decimal, an integer. Bytes are stored one by one: a million rows of ten values
 * spent more in Buffer's write methods than in the encoding.
 */
export class BinaryCopyRows {
  // Allocated at the first value after a take: a builder used once (`encode`) makes one small buffer.
  private buffer = EMPTY;
  private offset = 0;
  // A file names the same systems, units and providers on every instant, and a run of rows shares one instant.
  private readonly uuids = new Map<string, Buffer>();
  private readonly instants = new Map<string, Buffer>();

  /** `chunkBytes`: the buffer's first size after each take (default 256 KiB, a batch of rows). */
  constructor(private readonly chunkBytes = FIRST_CHUNK_BYTES) {}

  /** The fields of `values` as one piece, for `fields`: a system's id and what is copied from it, the same on each of its rows. */
  static encode(values: ReadonlyArray<readonly [BinaryColumn, string | null]>): Buffer {
    const rows = new BinaryCopyRows(64);
    for (const [column, text] of values) rows.value(column, text);
    return rows.take();
  }

  /** Starts a row of `fields` values. */
  row(fields: number): void {
    this.ensure(2);
    this.int16(fields);
  }

  /** One value of a column of type `column`; null for SQL NULL. */
  value(column: BinaryColumn, text: string | null): void {
    if (text === null) return this.nil();
    switch (column) {
      case 'uuid':
        return this.fields(cached(this.uuids, text, uuidField));
      case 'timestamptz':
        return this.fields(cached(this.instants, text, instantField));
      case 'numeric':
        return this.numeric(text);
      case 'int4':
      case 'int8':
        if (!/^-?\d+$/.test(text)) throw new Error(`不是整数 (not an integer): ${text}`);
        return this.integer(column, Number(text));
      case 'text':
        return this.text(text);
    }
  }

  nil(): void {
    this.ensure(4);
    this.int32(-1);
  }

  /** An integer column's value. */
  integer(column: 'int4' | 'int8', value: number): void {
    if (!Number.isSafeInteger(value) || (column === 'int4' && (value < -(2 ** 31) || value >= 2 ** 31)))
      throw new Error(`超出 ${column} 的范围 (out of range): ${value}`);
    this.ensure(12);
    if (column === 'int4') {
      this.int32(4);
      this.int32(value);
      return;
    }
    const high = Math.floor(value / 2 ** 32);
    this.int32(8);
    this.int32(high);
    this.int32(value - high * 2 ** 32);
  }

  /** Fields encoded before (`encode`), as they are. */
  fields(bytes: Buffer): void {
    this.ensure(bytes.length);
    const buffer = this.buffer;
    let offset = this.offset;
    for (let i = 0; i < bytes.length; i++) buffer[offset++] = bytes[i]!;
    this.offset = offset;
  }

  /** The bytes built since the last take; the next rows go into a new buffer, so these stay as they are while queued. */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.offset);
    this.buffer = EMPTY;
    this.offset = 0;
    return bytes;
  }

  /**
   * numeric's binary form: the count of base-10000 digits, the weight of the first (its power of
   * 10000), the sign, the display scale (the decimals as written: "7.50" keeps two), the digits,
   * without leading or trailing zero digits.
   */
  private numeric(text: string): void {
    const point = text.indexOf('.');
    const integerEnd = point === -1 ? text.length : point;
    const fractionStart = point === -1 ? text.length : point + 1;
    const integerGroups = Math.ceil(integerEnd / 4);
    const fractionGroups = Math.ceil((text.length - fractionStart) / 4);
    this.ensure(12 + 2 * (integerGroups + fractionGroups));
    const head = this.offset;
    this.offset += 12; // the length and the four header words, written once the digits are known
    let weight = integerGroups - 1;
    let leading = true;
    let end = this.offset;
    // The integer part in groups of four from the point, the first holding what is left over; then
    // the fraction in groups of four from the point, the last padded with zeros.
    for (let group = 0; group < integerGroups + fractionGroups; group++) {
      let digit = 0;
      if (group < integerGroups) {
        const last = integerEnd - (integerGroups - 1 - group) * 4;
        for (let i = Math.max(0, last - 4); i < last; i++) digit = digit * 10 + decimalDigit(text, i);
      } else {
        const first = fractionStart + (group - integerGroups) * 4;
        for (let i = first; i < first + 4; i++) digit = digit * 10 + (i < text.length ? decimalDigit(text, i) : 0);
      }
      if (leading && digit === 0) {
        weight -= 1;
        continue;
      }
      leading = false;
      this.int16(digit);
      if (digit !== 0) end = this.offset;
    }
    const count = (end - head - 12) / 2;
    this.offset = head;
    this.int32(8 + 2 * count);
    this.int16(count);
    this.int16(weight);
    this.int16(0); // positive: the import takes no negative values
    this.int16(text.length - fractionStart);
    this.offset = end;
  }

  private text(text: string): void {
    const length = Buffer.byteLength(text);
    this.ensure(4 + length);
    this.int32(length);
    this.offset += this.buffer.write(text, this.offset);
  }

  private int16(value: number): void {
    this.buffer[this.offset++] = (value >> 8) & 0xff;
    this.buffer[this.offset++] = value & 0xff;
  }

  private int32(value: number): void {
    this.buffer[this.offset++] = (value >>> 24) & 0xff;
    this.buffer[this.offset++] = (value >>> 16) & 0xff;
    this.buffer[this.offset++] = (value >>> 8) & 0xff;
    this.buffer[this.offset++] = value & 0xff;
  }

  private ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes, this.chunkBytes));
    this.buffer.copy(larger, 0, 0, this.offset);
    this.buffer = larger;
  }
}

function cached(cache: Map<string, Buffer>, text: string, field: (text: string) => Buffer): Buffer {
  let bytes = cache.get(text);
  if (bytes === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, (bytes = field(text)));
  }
  return bytes;
}

function decimalDigit(text: string, at: number): number {
  const digit = text.charCodeAt(at) - ZERO;
  if (digit < 0 || digit > 9) throw new Error(`不是非负十进制数 (not a non-negative decimal): ${text}`);
  return digit;
}

/** A uuid field: its length and 16 bytes, from the hex digits (the dashes skipped). */
function uuidField(text: string): Buffer {
  if (!isUuid(text)) throw new Error(`不是 UUID (not a uuid): ${text}`);
  const field = Buffer.allocUnsafe(20);
  field.writeInt32BE(16, 0);
  field.write(text.replace(/-/g, ''), 4, 'hex');
  return field;
}

/**
 * A timestamptz field: microseconds since 2000-01-01 UTC as a 64-bit integer. The fraction of a
 * second rounds as PostgreSQL's text input rounds it: the fraction read as a double, times a
 * million, to the nearest integer, ties to even (rint).
 */
function instantField(text: string): Buffer {
  const fraction = /\.(\d+)/.exec(text);
  const whole = fraction ? text.slice(0, fraction.index) + text.slice(fraction.index + fraction[0].length) : text;
  // The kit's parser, which refuses what JavaScript's own would roll over (2026-02-30, 24:00).
  const instant = parseInstant(whole);
  if (!instant) throw new Error(`不是带时区的 ISO 8601 时间 (not an instant): ${text}`);
  const micros = (instant.getTime() - POSTGRES_EPOCH_MS) * 1000 + (fraction ? roundHalfToEven(Number(`0.${fraction[1]}`) * 1e6) : 0);
  const high = Math.floor(micros / 2 ** 32);
  const field = Buffer.allocUnsafe(12);
  field.writeInt32BE(8, 0);
  field.writeInt32BE(high, 4);
  field.writeUInt32BE(micros - high * 2 ** 32, 8);
  return field;
}

function roundHalfToEven(value: number): number {
  const rounded = Math.round(value);
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

// Reading a monitoring file (第二十四条) for the import: its kind from the header or first record,
// every row checked (sample-rows.ts) and matched against the systems or providers supervision knows,
// streamed in batches, never held whole. Bad rows are counted and the first few named; one more than
// `maxRejected` aborts the import before anything is written.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { splitCsvLine } from './csv';
import {
  checkSampleValues,
  checkedChinaDay,
  fieldNameOf,
  kindOfKeys,
  SAMPLE_FIELDS,
  type SampleKind,
  type SampleValues,
} from './sample-rows';
import { afterRetirementProblem } from '../monitoring.rules';

/** A checked row of a known system or provider. */
export interface SampleRow {
  /** Its line in the file (a CSV's header is line 1). */
  line: number;
  /** The row's values as text, in SAMPLE_FIELDS order (the id first, the instant second). */
  values: SampleValues;
  /** The China day of its instant (the roll-ups' day). */
  day: string;
  /** What supervision copies onto a known system's sample (known-keys), tab-separated; '' for a provider. */
  copied: string;
}

/** The copied columns' text of each known id: a system on the cloud, or a provider supervision knows. */
export type KnownKeys = ReadonlyMap<string, string>;

/** The ids a file may name (`keys`), and the day each retired system was retired. */
export interface KnownIds {
  keys: KnownKeys;
  retiredOn: ReadonlyMap<string, string>;
}

export class ImportAbortedError extends Error {
  constructor(
    message: string,
    /** The first few bad rows, when bad rows aborted it. */
    readonly rejections: readonly string[] = [],
  ) {
    super(message);
  }
}

export function tooManyRejected(rejected: number, maxRejected: number, rejections: readonly string[]): ImportAbortedError {
  return new ImportAbortedError(
    `${rejected} 行被拒绝，超过容许的 ${maxRejected} 行，导入中止，未写入任何数据 (${rejected} bad rows, more than the ${maxRejected} allowed: nothing written)`,
    rejections,
  );
}

const SHOWN_REJECTIONS = 5;
const BATCH_ROWS = 2_000;
const UNKNOWN: Record<SampleKind, string> = {
  system: '不是已知的、在政务云上的政务信息系统',
  provider: '不是已知的定点服务商',
};

/**
 * The kind and the line's parser, from the file's extension and its first line: a line's raw values
 * in SAMPLE_FIELDS order (a CSV's own fields when its columns are in that order), or why it is not a record.
 */
function recordReader(file: string, firstLine: string): { kind: SampleKind; read: (line: string) => readonly unknown[] | string } {
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    let first: unknown;
    try {
      first = JSON.parse(firstLine);
    } catch {
      throw new ImportAbortedError('第 1 行不是 JSON 对象 (first line is not a JSON object)');
    }
    const kind = kindOfKeys(Object.keys((first ?? {}) as object));
    if (!kind) throw new ImportAbortedError('第 1 行既无 systemId 也无 providerId (cannot tell the kind of samples)');
    const names = new Map<string, string | null>();
    return {
      kind,
      read: (line) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          return '不是有效的 JSON';
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '不是 JSON 对象';
        const record: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(parsed)) {
          if (!names.has(key)) names.set(key, fieldNameOf(kind, key));
          const name = names.get(key);
          if (name) record[name] = value;
        }
        return SAMPLE_FIELDS[kind].map((field) => record[field.name]);
      },
    };
  }
  const header = splitCsvLine(firstLine.replace(/^\uFEFF/, '')) ?? [];
  const kind = kindOfKeys(header);
  if (!kind) throw new ImportAbortedError('CSV 首行须为表头，含 system_id 或 provider_id 列 (header row with system_id or provider_id)');
  const columns = header.map((key) => fieldNameOf(kind, key));
  const missing = SAMPLE_FIELDS[kind].filter((field) => !columns.includes(field.name)).map((field) => field.column);
  if (missing.length) throw new ImportAbortedError(`CSV 表头缺少列 (header lacks): ${missing.join(', ')}`);
  // Where each field is in a line; a file in the table's own column order (the usual) is used as split.
  const at = SAMPLE_FIELDS[kind].map((field) => columns.indexOf(field.name));
  const inOrder = at.length === columns.length && at.every((index, i) => index === i);
  return {
    kind,
    read: (line) => {
      const fields = splitCsvLine(line);
      if (!fields) return '引号不成对';
      if (fields.length !== columns.length) return `列数为 ${fields.length}，表头为 ${columns.length}`;
      return inOrder ? fields : at.map((index) => fields[index]);
    },
  };
}

/** A shown rejection: one bad row, or every row naming one unknown id (counted on as they come). */
type Rejection = { line: number; reason: string } | { line: number; id: string; rows: number };

/**
 * One pass over a file. `batches()` yields its good rows; meanwhile `kind`, `bytes`, `rowsRead`,
 * `rejected` and `rejections` tell what was read. `known` is asked once, when the kind is known.
 */
export class SampleFileReader {
  kind: SampleKind | null = null;
  bytes = 0;
  rowsRead = 0;
  rejected = 0;
  private readonly shown: Rejection[] = [];
  private readonly unknownIds = new Map<string, Extract<Rejection, { id: string }> | null>();

  constructor(
    private readonly file: string,
    private readonly options: { maxRejected: number; today: string },
    private readonly known: (kind: SampleKind) => Promise<KnownIds>,
  ) {}

  /** The first few bad rows, in the file's order. */
  get rejections(): string[] {
    return this.shown.map((entry) =>
      'reason' in entry
        ? `第 ${entry.line} 行 (line ${entry.line}): ${entry.reason}`
        : `第 ${entry.line} 行起 ${entry.rows} 行 (${entry.rows} rows from line ${entry.line}): ${entry.id} ${UNKNOWN[this.kind!]}`,
    );
  }

  private reject(entry: Rejection | null): void {
    this.rejected += 1;
    if (entry && this.shown.length < SHOWN_REJECTIONS) this.shown.push(entry);
    if (this.rejected > this.options.maxRejected) throw tooManyRejected(this.rejected, this.options.maxRejected, this.rejections);
  }

  /** A row naming an id supervision does not know: counted under that id's first row. */
  private rejectUnknown(id: string, line: number): void {
    let entry = this.unknownIds.get(id);
    if (entry === undefined) {
      entry = this.shown.length < SHOWN_REJECTIONS ? { line, id, rows: 0 } : null;
      this.unknownIds.set(id, entry);
      if (entry) entry.rows += 1;
      return this.reject(entry);
    }
    if (entry) entry.rows += 1;
    this.reject(null);
  }

  async *batches(): AsyncGenerator<SampleRow[]> {
    const input = createReadStream(this.file, { highWaterMark: READ_CHUNK_BYTES });
    let read: ((line: string) => readonly unknown[] | string) | null = null;
    let known: KnownKeys = new Map();
    let retiredOn: ReadonlyMap<string, string> = new Map();
    let lineNo = 0;
    let batch: SampleRow[] = [];
    try {
      for await (const lines of this.linesOf(input)) {
        for (const line of lines) {
          lineNo += 1;
          if (line.trim() === '') continue;
          if (!read) {
            ({ kind: this.kind, read } = recordReader(this.file, line));
            ({ keys: known, retiredOn } = await this.known(this.kind));
            if (!/\.(jsonl|ndjson)$/i.test(this.file)) continue; // the CSV header
          }
          this.rowsRead += 1;
          const record = read(line);
          if (typeof record === 'string') {
            this.reject({ line: lineNo, reason: record });
            continue;
          }
          const checked = checkSampleValues(this.kind!, record, this.options.today);
          if (!checked.ok) {
            this.reject({ line: lineNo, reason: `${checked.field} ${checked.problem}` });
            continue;
          }
          const id = checked.values[0]!;
          const copied = known.get(id);
          if (copied === undefined) {
            this.rejectUnknown(id, lineNo);
            continue;
          }
          const day = checkedChinaDay(checked.values[1]!);
          const retired = afterRetirementProblem(day, retiredOn.get(id));
          if (retired !== null) {
            this.reject({ line: lineNo, reason: `${id} ${retired}` });
            continue;
          }
          batch.push({ line: lineNo, values: checked.values, day, copied });
          if (batch.length >= BATCH_ROWS) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      input.destroy();
    }
    if (!this.kind) throw new ImportAbortedError('文件为空 (empty file)');
  }

  /**
   * The file's lines, a chunk's worth at a time, counting its bytes: readline's async iterator
   * settled a promise per line, a tenth of the import's reading. Line breaks as readline reads them
   * (\n, \r\n or a lone \r), a \r\n split between two chunks included.
   */
  private async *linesOf(input: Readable): AsyncGenerator<string[]> {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    for await (const chunk of input as AsyncIterable<Buffer>) {
      this.bytes += chunk.length;
      const text = partial + decoder.write(chunk);
      // A \r at the end may be the first half of a \r\n: it waits for the next chunk.
      const end = text.endsWith('\r') ? text.length - 1 : text.length;
      const lines = splitLines(text.slice(0, end));
      partial = lines.pop()! + text.slice(end);
      if (lines.length > 0) yield lines;
    }
    const last = partial + decoder.end();
    if (last !== '') yield splitLines(last);
  }
}

/** Bytes read at a time: a few hundred chunks of lines for a large file. */
const READ_CHUNK_BYTES = 1 << 20;

const LINE_BREAK = /\r\n|\n|\r/;

function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
}

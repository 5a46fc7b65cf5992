// The two ways an import writes a file's samples into the raw table (import-file.ts): COPY straight
// in as the rows are read, taking every row for new; or, when that meets a stored row, the file read
// again into a TEMP staging table and moved in chunk by chunk, skipping known rows. Both COPY in
// binary format (copy-binary.ts).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopyRows, COPY_BINARY_HEADER, COPY_BINARY_TRAILER, type BinaryColumn } from './copy-binary';
import type { DayFigures, TouchedDay } from './day-figures';
import type { ImportProgress as Progress } from './progress';
import { insertProviderSamplesSql, insertSystemSamplesSql } from './rollup-sql';
import { SAMPLE_FIELDS, type SampleFieldType, type SampleKind } from './sample-rows';
import type { KnownIds, SampleFileReader } from './read-samples';
import { ensureSamplePartitions, ENSURE_STAGED_MONTHS_SQL } from '../sample-partitions';

/** What an attempt wrote: the (id, day) pairs it touched, each once, and the rows it accepted. */
export interface WrittenSamples {
  touched: TouchedDay[];
  accepted: number;
}

/** The (id, day) pairs an attempt touches, each kept once: by day, then id, so a row makes no key. */
class TouchedDays {
  private readonly byDay = new Map<string, Set<string>>();

  add(id: string, day: string): void {
    let ids = this.byDay.get(day);
    if (!ids) this.byDay.set(day, (ids = new Set()));
    ids.add(id);
  }

  list(): TouchedDay[] {
    return [...this.byDay].flatMap(([day, ids]) => [...ids].map((id) => ({ id, day })));
  }
}

const TYPES = { uuid: 'uuid', instant: 'timestamptz', percent: 'numeric', amount: 'numeric', count: 'int' } as const;
/** Each field's column as binary COPY writes it. */
const BINARY: Record<SampleFieldType, BinaryColumn> = {
  uuid: 'uuid',
  instant: 'timestamptz',
  percent: 'numeric',
  amount: 'numeric',
  count: 'int4',
};
/** What supervision copies onto a system's sample from its facts, in KnownKeys' order. */
const COPIED_COLUMNS: Record<SampleKind, ReadonlyArray<{ column: string; type: BinaryColumn }>> = {
  system: [
    { column: 'unit_id', type: 'uuid' },
    { column: 'provider_id', type: 'uuid' },
    { column: 'region_code', type: 'text' },
  ],
  provider: [],
};
const RAW_TABLE: Record<SampleKind, string> = { system: 'system_sample', provider: 'provider_sample' };

/** A sample's id field and the fields copied from its facts (KnownKeys' text: tab-separated, \N for NULL). */
function encodeIdAndCopied(kind: SampleKind, id: string, copied: string): Buffer {
  const values = kind === 'system' ? copied.split('\t') : [];
  return BinaryCopyRows.encode([
    ['uuid', id],
    ...COPIED_COLUMNS[kind].map(({ type }, i) => [type, values[i] === '\\N' ? null : values[i]!] as const),
  ]);
}

/**
 * The systems on the cloud (with what a sample copies from them, and the day a retired one was
 * retired) or the providers supervision knows.
 */
export async function knownIds(client: PoolClient, kind: SampleKind): Promise<KnownIds> {
  if (kind === 'system') {
    const { rows } = await client.query<{
      id: string;
      unit: string | null;
      provider: string;
      region: string | null;
      retired: string | null;
    }>(
      `SELECT system_id::text AS id, unit_id::text AS unit, provider_id::text AS provider, region_code AS region,
              retired_on::text AS retired
         FROM "supervision"."system_fact" WHERE provider_id IS NOT NULL`,
    );
    return {
      // COPY's text format: tab-separated, \N for NULL.
      keys: new Map(rows.map((row) => [row.id, [row.unit, row.provider, row.region].map((value) => value ?? '\\N').join('\t')])),
      retiredOn: new Map(rows.flatMap((row) => (row.retired === null ? [] : [[row.id, row.retired] as const]))),
    };
  }
  const { rows } = await client.query<{ id: string }>(
    `SELECT provider_id::text AS id FROM "supervision"."system_fact" WHERE provider_id IS NOT NULL
     UNION SELECT provider_id::text FROM "supervision"."provider_evaluation"`,
  );
  return { keys: new Map(rows.map((row) => [row.id, ''])), retiredOn: new Map() };
}

/**
 * One binary COPY … FROM STDIN after another on `client`, each ended before the next statement,
 * each framed by the format's header and trailer. When the server refuses a row mid-stream (a
 * known sample), the stream is destroyed at once, dropping what was queued (pg-copy-streams would
 * otherwise go on flushing it to a connection it has let go), and every wait on it fails with the
 * server's error.
 */
class CopyStream {
  private stream: Writable | null = null;
  private failure: Promise<never> = new Promise<never>(() => undefined);

  constructor(
    private readonly client: PoolClient,
    private readonly sql: string,
  ) {}

  private open(): Writable {
    const stream = this.client.query(copyFrom(`${this.sql} (FORMAT binary)`));
    stream.write(COPY_BINARY_HEADER);
    this.failure = new Promise<never>((_, reject) =>
      stream.once('error', (error) => {
        stream.destroy();
        reject(error);
      }),
    );
    this.failure.catch(() => undefined);
    return stream;
  }

  async write(rows: Buffer): Promise<void> {
    if (rows.length === 0) return;
    this.stream ??= this.open();
    if (this.stream.destroyed) return this.failure;
    if (!this.stream.write(rows)) await Promise.race([once(this.stream, 'drain'), this.failure]);
  }

  async end(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (!stream) return;
    if (stream.destroyed) return this.failure;
    stream.end(COPY_BINARY_TRAILER);
    await Promise.race([once(stream, 'finish'), this.failure]);
  }
}

/**
 * The first attempt: every good row COPYed into the raw table as it is read, each month's
 * partition made before its first row. Returns the touched (id, day) pairs and the rows written;
 * throws unique_violation at the first row already stored.
 */
export async function copyNewRows(
  client: PoolClient,
  reader: SampleFileReader,
  progress: Progress,
  chunkRows: number,
  figures: DayFigures,
): Promise<WrittenSamples> {
  const touched = new TouchedDays();
  const months = new Set<string>();
  const rows = new BinaryCopyRows();
  // Each id's field and the values copied from its facts, encoded once: the same on every row of it.
  const idFields = new Map<string, Buffer>();
  let copy: CopyStream | null = null;
  let accepted = 0;
  try {
    for await (const batch of reader.batches()) {
      const kind = reader.kind!;
      const [idField, ...fields] = SAMPLE_FIELDS[kind];
      const copied = COPIED_COLUMNS[kind];
      copy ??= new CopyStream(
        client,
        `COPY "supervision"."${RAW_TABLE[kind]}" (${[idField!, ...copied, ...fields].map((field) => field.column).join(', ')}) FROM STDIN`,
      );
      for (const row of batch) {
        const month = row.day.slice(0, 7);
        if (!months.has(month)) {
          // A month's partition before its first row: the COPY ends here and a new one goes on after.
          await copy.write(rows.take());
          await copy.end();
          await ensureSamplePartitions(client, row.day, row.day);
          months.add(month);
        }
        const id = row.values[0]!;
        let idBytes = idFields.get(id);
        if (!idBytes) idFields.set(id, (idBytes = encodeIdAndCopied(kind, id, row.copied)));
        rows.row(1 + copied.length + fields.length);
        rows.fields(idBytes);
        for (let i = 0; i < fields.length; i++) rows.value(BINARY[fields[i]!.type], row.values[i + 1]!);
        if (kind === 'system') figures.add(row);
        touched.add(row.values[0]!, row.day);
        accepted += 1;
        if (accepted % chunkRows === 0)
          progress.update(reader.bytes, reader.rowsRead, `写入 (writing) ${accepted.toLocaleString('en-US')} 行`);
      }
      await copy.write(rows.take());
    }
    await copy?.end();
  } finally {
    // After a failure the stream is ended too, so the connection is free for the rollback.
    await copy?.end().catch(() => undefined);
  }
  progress.update(reader.bytes, reader.rowsRead, `写入 (writing) ${accepted.toLocaleString('en-US')} 行`);
  return { touched: touched.list(), accepted };
}

/**
 * The second attempt: the file read again into `pg_temp.monitoring_staging` with COPY, then moved
 * into the raw table chunk by chunk skipping known rows. Returns what the first attempt does.
 */
export async function stageAndSkipKnown(
  client: PoolClient,
  reader: SampleFileReader,
  progress: Progress,
  chunkRows: number,
): Promise<WrittenSamples> {
  const rows = new BinaryCopyRows();
  let copy: CopyStream | null = null;
  let kind: SampleKind | null = null;
  try {
    for await (const batch of reader.batches()) {
      if (!kind) {
        kind = reader.kind!;
        const fields = SAMPLE_FIELDS[kind];
        await client.query(
          `CREATE TEMP TABLE monitoring_staging (line bigint NOT NULL, ${fields.map((f) => `${f.column} ${TYPES[f.type]} NOT NULL`).join(', ')}) ON COMMIT DROP`,
        );
        copy = new CopyStream(client, `COPY monitoring_staging (line, ${fields.map((f) => f.column).join(', ')}) FROM STDIN`);
      }
      const fields = SAMPLE_FIELDS[kind];
      for (const row of batch) {
        rows.row(1 + fields.length);
        rows.integer('int8', row.line);
        for (let i = 0; i < fields.length; i++) rows.value(BINARY[fields[i]!.type], row.values[i]!);
      }
      await copy!.write(rows.take());
      progress.update(reader.bytes, reader.rowsRead, '读取 (reading)');
    }
    await copy?.end();
  } finally {
    await copy?.end().catch(() => undefined);
  }
  const touched = new TouchedDays();
  if (!kind) return { touched: [], accepted: 0 };
  await client.query('CREATE INDEX ON monitoring_staging (line)');
  await client.query('ANALYZE monitoring_staging');
  // Every month the file covers gets its partition before the first row is written.
  const { rows: bounds } = await client.query<{ last: string | null; rows: number }>(ENSURE_STAGED_MONTHS_SQL);
  const lastLine = Number(bounds[0]?.last ?? 0);
  // Rows, not line numbers: a CSV's header is line 1, so 200,000 rows end on line 200,001.
  const stagedRows = bounds[0]?.rows ?? 0;
  // Rows per chunk for the progress display, all counted in one scan rather than one per chunk.
  const { rows: chunks } = await client.query<{ chunk: number; n: number }>(
    'SELECT ((line - 1) / $1)::int AS chunk, count(*)::int AS n FROM monitoring_staging GROUP BY 1',
    [chunkRows],
  );
  const chunkSizes = new Map(chunks.map((row) => [row.chunk, row.n]));
  const source = '(SELECT * FROM monitoring_staging WHERE line > $1 AND line <= $2) b';
  const insert = kind === 'system' ? insertSystemSamplesSql(source) : insertProviderSamplesSql(source);
  const key = kind === 'system' ? 'system_id' : 'provider_id';
  let accepted = 0;
  let written = 0;
  for (let from = 0; from < lastLine; from += chunkRows) {
    const { rows } = await client.query<{ system_id?: string; provider_id?: string; day: string; n: number }>(insert, [
      from,
      from + chunkRows,
    ]);
    for (const row of rows) {
      touched.add(row[key]!, row.day);
      accepted += row.n;
    }
    written += chunkSizes.get(from / chunkRows) ?? 0;
    progress.update(
      reader.bytes,
      reader.rowsRead,
      `写入 (writing) ${written.toLocaleString('en-US')}/${stagedRows.toLocaleString('en-US')} 行`,
    );
  }
  return { touched: touched.list(), accepted };
}

// The monitoring agency's large files (第二十四条): CSV with a header row, or JSON lines, read as a
// stream — never held in memory — and checked row by row in this process (read-samples.ts), the
// good rows of known systems and providers sent with COPY straight into the raw table while the
// file is still being read, so reading and writing overlap. Where a row was stored before (or is in
// the file twice) that attempt fails on it; it is undone and the file read again into a TEMP
// staging table, whose rows go in with ON CONFLICT DO NOTHING, so a resubmitted file counts nothing
// twice. Then the touched days are rolled up: a day the first attempt brought the first samples of
// from the figures computed as its rows streamed by (day-figures.ts), any other from the raw table;
// all in ONE transaction: an import either lands whole (raw rows and roll-ups together) or not at all.
//
// Bad rows (malformed, or naming a system or provider supervision does not know) are skipped and
// reported — counted, with the first few reasons — up to `maxRejected` (default 0: none is
// tolerated unless asked); one more aborts the import with nothing written, naming the bad rows.
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { todayInChina } from '../../../kit/dates';
import { ImportProgress as Progress } from './progress';
import { DayFigures } from './day-figures';
import {
  insertProviderSamplesSql,
  insertSystemSamplesSql,
  rollUpProviderDaysSql,
  rollUpSystemDaysSql,
  writeSystemDaysSql,
} from './rollup-sql';
import { SAMPLE_FIELDS, type SampleKind } from './sample-rows';
import { SampleFileReader, type KnownKeys, type SampleRow } from './read-samples';
import { kitMetrics } from '../../../kit/metrics';
import { ensureSamplePartitions, ENSURE_STAGED_MONTHS_SQL } from '../sample-partitions';

export { ImportAbortedError } from './read-samples';

export interface ImportOptions {
  /** Where the progress display goes (default stderr): a bar on a terminal, else a line now and then. */
  progress?: NodeJS.WritableStream | null;
  /** Without a terminal, a progress line at most this often (default 5 s). */
  progressEveryMs?: number;
  /** Bad rows skipped before the import aborts (default 0: the first bad row aborts it). */
  maxRejected?: number;
  /** Rows between counts of rows written on the progress display, and staged rows moved per statement (default 100,000). */
  chunkRows?: number;
  /** The China date; samples from a later day are rejected (default today). */
  today?: string;
  /** Runs the whole import, checks and roll-ups included, then rolls it back: nothing is written. */
  dryRun?: boolean;
}

export interface ImportSummary {
  file: string;
  kind: SampleKind;
  bytes: number;
  rowsRead: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first few reasons, "第 N 行 …" or per unknown system/provider. */
  rejections: string[];
  daysRolledUp: number;
  /** Of those, the days no sample had reached before: rolled up from the file's own rows as they streamed by (day-figures.ts). */
  daysFromFile: number;
  /**
   * True when some rows were stored already (or were in the file twice): the first attempt, which
   * takes every row for new, was undone and the rows written again skipping known ones.
   */
  deduplicated: boolean;
  /** True when it was a dry run: counted as if imported, then rolled back. */
  dryRun: boolean;
  seconds: number;
  /**
   * Seconds spent on the first attempt (reading the file and writing its rows in one stream), on
   * the second when there was one (reading it again, staging and writing skipping known rows; else
   * 0), and rolling up.
   */
  phases: { writing: number; deduplicating: number; rollingUp: number };
}

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';
const ROLL_UP_DAYS_PER_STATEMENT = 2_000;
const TYPES = { uuid: 'uuid', instant: 'timestamptz', percent: 'numeric', amount: 'numeric', count: 'int' } as const;
/** What supervision copies onto a system's sample from its facts, in KnownKeys' order. */
const COPIED_COLUMNS: Record<SampleKind, readonly string[]> = { system: ['unit_id', 'provider_id', 'region_code'], provider: [] };
const RAW_TABLE: Record<SampleKind, string> = { system: 'system_sample', provider: 'provider_sample' };

/** The systems on the cloud (with what a sample copies from them) or the providers supervision knows. */
async function knownKeys(client: PoolClient, kind: SampleKind): Promise<KnownKeys> {
  if (kind === 'system') {
    const { rows } = await client.query<{ id: string; unit: string | null; provider: string; region: string | null }>(
      `SELECT system_id::text AS id, unit_id::text AS unit, provider_id::text AS provider, region_code AS region
         FROM "supervision"."system_fact" WHERE provider_id IS NOT NULL`,
    );
    // COPY's text format: tab-separated, \N for NULL.
    return new Map(rows.map((row) => [row.id, [row.unit, row.provider, row.region].map((value) => value ?? '\\N').join('\t')]));
  }
  const { rows } = await client.query<{ id: string }>(
    `SELECT provider_id::text AS id FROM "supervision"."system_fact" WHERE provider_id IS NOT NULL
     UNION SELECT provider_id::text FROM "supervision"."provider_evaluation"`,
  );
  return new Map(rows.map((row) => [row.id, '']));
}

/**
 * One COPY … FROM STDIN after another on `client`, each ended before the next statement. When the
 * server refuses a row mid-stream (a known sample), the stream is destroyed at once, dropping what
 * was queued (pg-copy-streams would otherwise go on flushing it to a connection it has let go), and
 * every wait on it fails with the server's error.
 */
class CopyStream {
  private stream: Writable | null = null;
  private failure: Promise<never> = new Promise<never>(() => undefined);

  constructor(
    private readonly client: PoolClient,
    private readonly sql: string,
  ) {}

  private open(): Writable {
    const stream = this.client.query(copyFrom(this.sql));
    this.failure = new Promise<never>((_, reject) =>
      stream.once('error', (error) => {
        stream.destroy();
        reject(error);
      }),
    );
    this.failure.catch(() => undefined);
    return stream;
  }

  async write(text: string): Promise<void> {
    if (text === '') return;
    this.stream ??= this.open();
    if (this.stream.destroyed) return this.failure;
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), this.failure]);
  }

  async end(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (!stream) return;
    if (stream.destroyed) return this.failure;
    stream.end();
    await Promise.race([once(stream, 'finish'), this.failure]);
  }
}

/**
 * The first attempt: every good row COPYed into the raw table as it is read, each month's
 * partition made before its first row. Returns the touched (id, day) pairs and the rows written;
 * throws unique_violation at the first row already stored.
 */
async function copyNewRows(client: PoolClient, reader: SampleFileReader, progress: Progress, chunkRows: number, figures: DayFigures) {
  const touched = new Map<string, { id: string; day: string }>();
  const months = new Set<string>();
  let copy: CopyStream | null = null;
  let accepted = 0;
  let text = '';
  try {
    for await (const batch of reader.batches()) {
      const kind = reader.kind!;
      copy ??= new CopyStream(
        client,
        `COPY "supervision"."${RAW_TABLE[kind]}" (${[...SAMPLE_FIELDS[kind].map((field) => field.column), ...COPIED_COLUMNS[kind]].join(', ')}) FROM STDIN`,
      );
      for (const row of batch) {
        const month = row.day.slice(0, 7);
        if (!months.has(month)) {
          // A month's partition before its first row: the COPY ends here and a new one goes on after.
          await copy.write(text);
          text = '';
          await copy.end();
          await ensureSamplePartitions(client, row.day, row.day);
          months.add(month);
        }
        if (kind === 'system') {
          text += `${row.values.join('\t')}\t${row.copied}\n`;
          figures.add(row);
        } else text += `${row.values.join('\t')}\n`;
        const key = `${row.values[0]}|${row.day}`;
        if (!touched.has(key)) touched.set(key, { id: row.values[0]!, day: row.day });
        accepted += 1;
        if (accepted % chunkRows === 0)
          progress.update(reader.bytes, reader.rowsRead, `写入 (writing) ${accepted.toLocaleString('en-US')} 行`);
      }
      await copy.write(text);
      text = '';
    }
    await copy?.end();
  } finally {
    // After a failure the stream is ended too, so the connection is free for the rollback.
    await copy?.end().catch(() => undefined);
  }
  progress.update(reader.bytes, reader.rowsRead, `写入 (writing) ${accepted.toLocaleString('en-US')} 行`);
  return { touched, accepted };
}

/**
 * The second attempt: the file read again into `pg_temp.monitoring_staging` with COPY, then moved
 * into the raw table chunk by chunk skipping known rows. Returns what the first attempt does.
 */
async function stageAndSkipKnown(client: PoolClient, reader: SampleFileReader, progress: Progress, chunkRows: number) {
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
      await copy!.write(batch.map((row: SampleRow) => `${row.line}\t${row.values.join('\t')}\n`).join(''));
      progress.update(reader.bytes, reader.rowsRead, '读取 (reading)');
    }
    await copy?.end();
  } finally {
    await copy?.end().catch(() => undefined);
  }
  const touched = new Map<string, { id: string; day: string }>();
  if (!kind) return { touched, accepted: 0 };
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
      const id = row[key]!;
      touched.set(`${id}|${row.day}`, { id, day: row.day });
      accepted += row.n;
    }
    written += chunkSizes.get(from / chunkRows) ?? 0;
    progress.update(
      reader.bytes,
      reader.rowsRead,
      `写入 (writing) ${written.toLocaleString('en-US')}/${stagedRows.toLocaleString('en-US')} 行`,
    );
  }
  return { touched, accepted };
}

/**
 * Writes the roll-ups of the touched days that had none before from the figures the first attempt
 * computed (day-figures.ts): their rows are all they have. Returns the other days, which already
 * had samples and are rolled up from the raw table.
 */
async function writeNewDays(
  client: PoolClient,
  days: Array<{ id: string; day: string }>,
  figures: DayFigures,
  rolledUp: (done: number) => void,
): Promise<Array<{ id: string; day: string }>> {
  const { rows } = await client.query<{ key: string }>(
    `SELECT d.system_id::text || '|' || d.day::text AS key FROM "supervision"."monitoring_daily" d
       JOIN unnest($1::uuid[], $2::date[]) AS t(system_id, day) ON d.system_id = t.system_id AND d.day = t.day`,
    [days.map((d) => d.id), days.map((d) => d.day)],
  );
  const before = new Set(rows.map((row) => row.key));
  const fresh = days.filter((d) => !before.has(`${d.id}|${d.day}`));
  const sql = writeSystemDaysSql();
  for (let i = 0; i < fresh.length; i += ROLL_UP_DAYS_PER_STATEMENT) {
    const part = fresh.slice(i, i + ROLL_UP_DAYS_PER_STATEMENT);
    await client.query(sql, figures.columns(part.map((d) => `${d.id}|${d.day}`)));
    rolledUp(i + part.length);
  }
  return days.filter((d) => before.has(`${d.id}|${d.day}`));
}

/**
 * Imports one file of samples (the kind from its header or first record) into the raw table and
 * rolls up the days it touched. Returns the summary; throws ImportAbortedError (nothing written)
 * when the file cannot be read as samples or has too many bad rows.
 */
export async function importMonitoringFile(dataSource: DataSource, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const settings = {
    maxRejected: options.maxRejected ?? 0,
    chunkRows: options.chunkRows ?? 100_000,
    today: options.today ?? todayInChina(),
  };
  const { size } = await stat(file);
  const progress = new Progress(options.progress === undefined ? process.stderr : options.progress, size, {
    everyMs: options.progressEveryMs,
  });
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const readerOf = () => new SampleFileReader(file, settings, (kind) => knownKeys(client, kind));
  try {
    await client.query('BEGIN');
    // An agency's file is mostly new samples: streamed in without a conflict check per row. A known
    // sample, or one twice in the file, fails that attempt where it is met (unique_violation: on the
    // first row of a resubmitted file); the attempt is undone and the rows written again, skipping
    // known ones. A sample another import or submission commits meanwhile is met the same way.
    await client.query('SAVEPOINT import_new_samples');
    let reader = readerOf();
    let deduplicated = false;
    let outcome: Awaited<ReturnType<typeof copyNewRows>>;
    let firstAttempt = 0;
    // The first attempt's rows are new: a day with no roll-up before has only them (day-figures.ts).
    let figures: DayFigures | null = new DayFigures();
    try {
      outcome = await copyNewRows(client, reader, progress, settings.chunkRows, figures);
      await client.query('RELEASE SAVEPOINT import_new_samples');
      firstAttempt = (performance.now() - started) / 1000;
    } catch (error) {
      firstAttempt = (performance.now() - started) / 1000;
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT import_new_samples');
      deduplicated = true;
      figures = null;
      reader = readerOf();
      outcome = await stageAndSkipKnown(client, reader, progress, settings.chunkRows);
    }
    const kind = reader.kind!;
    const { touched, accepted } = outcome;
    const writingDone = (performance.now() - started) / 1000;

    const days = [...touched.values()];
    const rolledUp = (done: number) => progress.update(reader.bytes, reader.rowsRead, `汇总 (rolling up) ${done}/${days.length} 天`);
    const fromTable = kind === 'system' && figures?.kept ? await writeNewDays(client, days, figures, rolledUp) : days;
    const key = kind === 'system' ? 'system_id' : 'provider_id';
    const rollUp = kind === 'system' ? rollUpSystemDaysSql : rollUpProviderDaysSql;
    const rollUpSql = rollUp(`unnest($1::uuid[], $2::date[]) AS t(${key}, day)`);
    for (let i = 0; i < fromTable.length; i += ROLL_UP_DAYS_PER_STATEMENT) {
      const part = fromTable.slice(i, i + ROLL_UP_DAYS_PER_STATEMENT);
      await client.query(rollUpSql, [part.map((d) => d.id), part.map((d) => d.day)]);
      rolledUp(days.length - fromTable.length + Math.min(i + part.length, fromTable.length));
    }
    const dryRun = options.dryRun === true;
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    const valid = reader.rowsRead - reader.rejected;
    if (!dryRun) {
      kitMetrics.importRows.inc({ outcome: 'accepted' }, accepted);
      kitMetrics.importRows.inc({ outcome: 'duplicate' }, valid - accepted);
      kitMetrics.importRows.inc({ outcome: 'rejected' }, reader.rejected);
    }
    return {
      file,
      kind,
      bytes: reader.bytes,
      rowsRead: reader.rowsRead,
      accepted,
      duplicates: valid - accepted,
      rejected: reader.rejected,
      rejections: reader.rejections,
      daysRolledUp: days.length,
      daysFromFile: days.length - fromTable.length,
      deduplicated,
      dryRun,
      seconds,
      phases: { writing: firstAttempt, deduplicating: writingDone - firstAttempt, rollingUp: seconds - writingDone },
    };
  } catch (error) {
    progress.stop();
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** The summary as the command line prints it. */
export function formatImportSummary(summary: ImportSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `${summary.dryRun ? '试运行，已回滚，未写入任何数据 (dry run, rolled back: nothing written)' : '监测数据导入完成 (monitoring import done)'}: ` +
      `${summary.kind === 'system' ? '系统资源样本 (system samples)' : '服务商服务样本 (provider samples)'} ← ${summary.file}`,
    `  读取 (rows read):        ${n(summary.rowsRead)} 行, ${(summary.bytes / 1048576).toFixed(1)} MB`,
    `  写入 (accepted):         ${n(summary.accepted)}`,
    `  重复 (duplicates):       ${n(summary.duplicates)}`,
    `  拒绝 (rejected):         ${n(summary.rejected)}`,
    ...summary.rejections.map((reason) => `    - ${reason}`),
    `  重新汇总 (days rolled up): ${n(summary.daysRolledUp)}（其中 ${n(summary.daysFromFile)} 天为新的一天，由文件各行直接汇总 (new days, from the file's rows)）`,
    `  用时 (seconds):          ${summary.seconds.toFixed(1)} s, ${n(Math.round(summary.rowsRead / Math.max(summary.seconds, 0.001)))} 行/秒 (rows/s)` +
      ` — 读取并写入 (read + COPY) ${summary.phases.writing.toFixed(1)} s` +
      (summary.deduplicated ? `, 跳过已有样本重写 (again, skipping known) ${summary.phases.deduplicating.toFixed(1)} s` : '') +
      `, 汇总 (roll-up) ${summary.phases.rollingUp.toFixed(1)} s`,
  ];
  return lines.join('\n');
}

// The monitoring agency's large files (第二十四条): CSV with a header row, or JSON lines, streamed —
// never held in memory — into a TEMP staging table with COPY, then moved into the raw table in
// chunks (INSERT … SELECT, first taking every row for new, and again with ON CONFLICT DO NOTHING
// when one was not, so a resubmitted file counts nothing twice) and the touched days rolled up from
// the raw samples, all in ONE transaction: an import either lands whole (raw rows and roll-ups
// together) or not at all.
//
// Bad rows (malformed, or naming a system or provider supervision does not know) are skipped and
// reported — counted, with the first few reasons — up to `maxRejected` (default 0: none is
// tolerated unless asked); one more aborts the import with nothing written, naming the bad rows.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { todayInChina } from '../../../kit/dates';
import { splitCsvLine } from './csv';
import { ImportProgress as Progress } from './progress';
import {
  insertProviderSamplesSql,
  insertSystemSamplesSql,
  rollUpProviderDaysSql,
  rollUpSystemDaysSql,
  type KnownSamples,
} from './rollup-sql';
import { checkSample, fieldNameOf, kindOfKeys, SAMPLE_FIELDS, type SampleKind } from './sample-rows';
import { kitMetrics } from '../../../kit/metrics';
import { ENSURE_STAGED_MONTHS_SQL } from '../sample-partitions';

export interface ImportOptions {
  /** Where the progress display goes (default stderr): a bar on a terminal, else a line now and then. */
  progress?: NodeJS.WritableStream | null;
  /** Without a terminal, a progress line at most this often (default 5 s). */
  progressEveryMs?: number;
  /** Bad rows skipped before the import aborts (default 0: the first bad row aborts it). */
  maxRejected?: number;
  /** Staged rows moved into the raw table per statement (default 100,000). */
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
  /**
   * True when some rows were stored already (or were in the file twice): the first attempt, which
   * takes every row for new, was undone and the rows written again skipping known ones.
   */
  deduplicated: boolean;
  /** True when it was a dry run: counted as if imported, then rolled back. */
  dryRun: boolean;
  seconds: number;
  /** Seconds spent reading and staging (COPY), writing raw rows, and rolling up. */
  phases: { staging: number; writing: number; rollingUp: number };
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

function tooManyRejected(rejected: number, maxRejected: number, rejections: readonly string[]): ImportAbortedError {
  return new ImportAbortedError(
    `${rejected} 行被拒绝，超过容许的 ${maxRejected} 行，导入中止，未写入任何数据 (${rejected} bad rows, more than the ${maxRejected} allowed: nothing written)`,
    rejections,
  );
}

const SHOWN_REJECTIONS = 5;
/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';
const ROLL_UP_DAYS_PER_STATEMENT = 2_000;
const TYPES = { uuid: 'uuid', instant: 'timestamptz', percent: 'numeric', amount: 'numeric', count: 'int' } as const;

/** The kind and the line's record parser, from the file's extension and its first line. */
function recordReader(file: string, firstLine: string): { kind: SampleKind; read: (line: string) => Record<string, unknown> | string } {
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
        return record;
      },
    };
  }
  const header = splitCsvLine(firstLine.replace(/^\uFEFF/, '')) ?? [];
  const kind = kindOfKeys(header);
  if (!kind) throw new ImportAbortedError('CSV 首行须为表头，含 system_id 或 provider_id 列 (header row with system_id or provider_id)');
  const columns = header.map((key) => fieldNameOf(kind, key));
  const missing = SAMPLE_FIELDS[kind].filter((field) => !columns.includes(field.name)).map((field) => field.column);
  if (missing.length) throw new ImportAbortedError(`CSV 表头缺少列 (header lacks): ${missing.join(', ')}`);
  return {
    kind,
    read: (line) => {
      const fields = splitCsvLine(line);
      if (!fields) return '引号不成对';
      if (fields.length !== columns.length) return `列数为 ${fields.length}，表头为 ${columns.length}`;
      const record: Record<string, unknown> = {};
      columns.forEach((name, i) => {
        if (name) record[name] = fields[i];
      });
      return record;
    },
  };
}

/** Streams the file's rows into `pg_temp.monitoring_staging` with COPY; returns what it read and skipped. */
async function stageFile(
  client: PoolClient,
  file: string,
  progress: Progress,
  options: Required<Omit<ImportOptions, 'progress' | 'progressEveryMs' | 'dryRun'>>,
) {
  const input = createReadStream(file);
  let bytes = 0;
  input.on('data', (chunk) => (bytes += chunk.length));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let kind: SampleKind | null = null;
  let read: ((line: string) => Record<string, unknown> | string) | null = null;
  let copy: NodeJS.WritableStream | null = null;
  let lineNo = 0;
  let rowsRead = 0;
  let rejected = 0;
  const rejections: string[] = [];
  let buffer = '';
  const reject = (reason: string) => {
    rejected += 1;
    if (rejections.length < SHOWN_REJECTIONS) rejections.push(`第 ${lineNo} 行 (line ${lineNo}): ${reason}`);
    if (rejected > options.maxRejected) throw tooManyRejected(rejected, options.maxRejected, rejections);
  };
  const flush = async () => {
    if (buffer && copy && !copy.write(buffer)) await once(copy, 'drain');
    buffer = '';
  };
  try {
    for await (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') continue;
      if (!read) {
        ({ kind, read } = recordReader(file, line));
        const fields = SAMPLE_FIELDS[kind];
        await client.query(
          `CREATE TEMP TABLE monitoring_staging (line bigint NOT NULL, ${fields.map((f) => `${f.column} ${TYPES[f.type]} NOT NULL`).join(', ')}) ON COMMIT DROP`,
        );
        copy = client.query(copyFrom(`COPY monitoring_staging (line, ${fields.map((f) => f.column).join(', ')}) FROM STDIN`));
        if (/\.(jsonl|ndjson)$/i.test(file) === false) continue; // the CSV header
      }
      rowsRead += 1;
      const record = read(line);
      if (typeof record === 'string') {
        reject(record);
      } else {
        const checked = checkSample(kind!, record, options.today);
        if (checked.ok) buffer += `${lineNo}\t${checked.values.join('\t')}\n`;
        else reject(`${checked.field} ${checked.problem}`);
      }
      if (buffer.length > 65_536) await flush();
      if (rowsRead % 20_000 === 0) progress.update(bytes, rowsRead, '读取 (reading)');
    }
    await flush();
  } finally {
    if (copy) {
      const done = once(copy, 'finish');
      copy.end();
      await done;
    }
  }
  progress.update(bytes, rowsRead, '读取完成 (read)');
  if (!kind) throw new ImportAbortedError('文件为空 (empty file)');
  return { kind, bytes, rowsRead, rejected, rejections };
}

/** Rejects staged rows whose system (not on the cloud) or provider supervision does not know; returns the count. */
async function dropUnknown(client: PoolClient, kind: SampleKind, rejections: string[]): Promise<number> {
  const unknown =
    kind === 'system'
      ? `NOT EXISTS (SELECT 1 FROM "supervision"."system_fact" f WHERE f.system_id = s.system_id AND f.provider_id IS NOT NULL)`
      : `NOT EXISTS (SELECT 1 FROM "supervision"."system_fact" f WHERE f.provider_id = s.provider_id)
         AND NOT EXISTS (SELECT 1 FROM "supervision"."provider_evaluation" e WHERE e.provider_id = s.provider_id)`;
  const key = kind === 'system' ? 'system_id' : 'provider_id';
  const { rows } = await client.query<{ id: string; n: number; first_line: string }>(
    `WITH dropped AS (DELETE FROM monitoring_staging s WHERE ${unknown} RETURNING ${key}, line)
     SELECT ${key}::text AS id, count(*)::int AS n, min(line)::text AS first_line FROM dropped GROUP BY 1 ORDER BY 3`,
  );
  const what = kind === 'system' ? '不是已知的、在政务云上的政务信息系统' : '不是已知的定点服务商';
  for (const row of rows) {
    if (rejections.length < SHOWN_REJECTIONS)
      rejections.push(`第 ${row.first_line} 行起 ${row.n} 行 (${row.n} rows from line ${row.first_line}): ${row.id} ${what}`);
  }
  return rows.reduce((sum, row) => sum + row.n, 0);
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
  try {
    await client.query('BEGIN');
    const staged = await stageFile(client, file, progress, settings);
    const staging = (performance.now() - started) / 1000;
    const { kind } = staged;
    let rejected = staged.rejected + (await dropUnknown(client, kind, staged.rejections));
    if (rejected > settings.maxRejected) throw tooManyRejected(rejected, settings.maxRejected, staged.rejections);
    await client.query('CREATE INDEX ON monitoring_staging (line)');
    await client.query('ANALYZE monitoring_staging');
    // Every month the file covers gets its partition before the first row is written.
    const { rows: bounds } = await client.query<{ last: string | null; rows: number }>(ENSURE_STAGED_MONTHS_SQL);

    const key = kind === 'system' ? 'system_id' : 'provider_id';
    const lastLine = Number(bounds[0]?.last ?? 0);
    // Rows, not line numbers: a CSV's header is line 1, so 200,000 rows end on line 200,001.
    const stagedRows = bounds[0]?.rows ?? 0;
    // Rows per chunk for the progress display, all counted in one scan rather than one per chunk.
    const { rows: chunks } = await client.query<{ chunk: number; n: number }>(
      'SELECT ((line - 1) / $1)::int AS chunk, count(*)::int AS n FROM monitoring_staging GROUP BY 1',
      [settings.chunkRows],
    );
    const chunkRows = new Map(chunks.map((row) => [row.chunk, row.n]));
    const source = '(SELECT * FROM monitoring_staging WHERE line > $1 AND line <= $2) b';
    /** Moves the staged rows into the raw table chunk by chunk; returns the touched (id, day) pairs and the rows written. */
    const writeChunks = async (known: KnownSamples) => {
      const insert = kind === 'system' ? insertSystemSamplesSql(source, known) : insertProviderSamplesSql(source, known);
      const touched = new Map<string, { id: string; day: string }>();
      let accepted = 0;
      let written = 0;
      for (let from = 0; from < lastLine; from += settings.chunkRows) {
        const { rows } = await client.query<{ system_id?: string; provider_id?: string; day: string; n: number }>(insert, [
          from,
          from + settings.chunkRows,
        ]);
        for (const row of rows) {
          const id = row[key]!;
          touched.set(`${id}|${row.day}`, { id, day: row.day });
          accepted += row.n;
        }
        written += chunkRows.get(from / settings.chunkRows) ?? 0;
        progress.update(
          staged.bytes,
          staged.rowsRead,
          `写入 (writing) ${written.toLocaleString('en-US')}/${stagedRows.toLocaleString('en-US')} 行`,
        );
      }
      return { touched, accepted };
    };
    // An agency's file is mostly new samples: written first without a conflict check per row (a
    // third of the writing). A known sample, or one twice in the file, fails that attempt where it
    // is met (unique_violation: on the first row of a resubmitted file); the attempt is undone and
    // the rows written again, skipping known ones. A sample another import or submission commits
    // meanwhile is met the same way.
    await client.query('SAVEPOINT import_new_samples');
    let deduplicated = false;
    let outcome: Awaited<ReturnType<typeof writeChunks>>;
    try {
      outcome = await writeChunks('refuse');
      await client.query('RELEASE SAVEPOINT import_new_samples');
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT import_new_samples');
      deduplicated = true;
      outcome = await writeChunks('skip');
    }
    const { touched, accepted } = outcome;

    const writing = (performance.now() - started) / 1000 - staging;
    const days = [...touched.values()];
    const rollUp = kind === 'system' ? rollUpSystemDaysSql : rollUpProviderDaysSql;
    const rollUpSql = rollUp(`unnest($1::uuid[], $2::date[]) AS t(${key}, day)`);
    for (let i = 0; i < days.length; i += ROLL_UP_DAYS_PER_STATEMENT) {
      const part = days.slice(i, i + ROLL_UP_DAYS_PER_STATEMENT);
      await client.query(rollUpSql, [part.map((d) => d.id), part.map((d) => d.day)]);
      progress.update(staged.bytes, staged.rowsRead, `汇总 (rolling up) ${Math.min(i + part.length, days.length)}/${days.length} 天`);
    }
    const dryRun = options.dryRun === true;
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    rejected = Math.max(rejected, 0);
    const valid = staged.rowsRead - rejected;
    if (!dryRun) {
      kitMetrics.importRows.inc({ outcome: 'accepted' }, accepted);
      kitMetrics.importRows.inc({ outcome: 'duplicate' }, valid - accepted);
      kitMetrics.importRows.inc({ outcome: 'rejected' }, rejected);
    }
    return {
      file,
      kind,
      bytes: staged.bytes,
      rowsRead: staged.rowsRead,
      accepted,
      duplicates: valid - accepted,
      rejected,
      rejections: staged.rejections,
      daysRolledUp: days.length,
      deduplicated,
      dryRun,
      seconds,
      phases: { staging, writing, rollingUp: seconds - staging - writing },
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
    `  重新汇总 (days rolled up): ${n(summary.daysRolledUp)}`,
    `  用时 (seconds):          ${summary.seconds.toFixed(1)} s, ${n(Math.round(summary.rowsRead / Math.max(summary.seconds, 0.001)))} 行/秒 (rows/s)` +
      ` — 读取暂存 (read + COPY) ${summary.phases.staging.toFixed(1)} s, 写入 (insert) ${summary.phases.writing.toFixed(1)} s, 汇总 (roll-up) ${summary.phases.rollingUp.toFixed(1)} s`,
  ];
  return lines.join('\n');
}

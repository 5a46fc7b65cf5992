// The monitoring agency's large files (第二十四条): CSV with a header row, or JSON lines, read as a
// stream — never held in memory — and checked row by row in this process (read-samples.ts), the
// good rows of known systems and providers sent with COPY straight into the raw table while the
// file is still being read, so reading and writing overlap (write-samples.ts). Where a row was
// stored before (or is in the file twice) that attempt fails on it; it is undone and the file read
// again into a TEMP staging table, whose rows go in with ON CONFLICT DO NOTHING, so a resubmitted
// file counts nothing twice. Then the touched days are rolled up (roll-up-days.ts): a day the first
// attempt brought the first samples of from the figures computed as its rows streamed by
// (day-figures.ts), any other from the raw table; all in ONE transaction: an import either lands
// whole (raw rows and roll-ups together) or not at all.
//
// Bad rows (malformed, or naming a system or provider supervision does not know) are skipped and
// reported — counted, with the first few reasons — up to `maxRejected` (default 0: none is
// tolerated unless asked); one more aborts the import with nothing written, naming the bad rows.
import { stat } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { todayInChina } from '../../../kit/dates';
import { kitMetrics } from '../../../kit/metrics';
import { DayFigures } from './day-figures';
import { ImportProgress as Progress } from './progress';
import { SampleFileReader } from './read-samples';
import { rollUpTouchedDays } from './roll-up-days';
import type { SampleKind } from './sample-rows';
import { copyNewRows, knownIds, stageAndSkipKnown, type WrittenSamples } from './write-samples';

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
  const readerOf = () => new SampleFileReader(file, settings, (kind) => knownIds(client, kind));
  try {
    await client.query('BEGIN');
    // An agency's file is mostly new samples: streamed in without a conflict check per row. A known
    // sample, or one twice in the file, fails that attempt where it is met (unique_violation: on the
    // first row of a resubmitted file); the attempt is undone and the rows written again, skipping
    // known ones. A sample another import or submission commits meanwhile is met the same way.
    await client.query('SAVEPOINT import_new_samples');
    let reader = readerOf();
    let deduplicated = false;
    let outcome: WrittenSamples;
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
    const { touched: days, accepted } = outcome;
    const writingDone = (performance.now() - started) / 1000;

    const { daysFromFile } = await rollUpTouchedDays(client, kind, days, figures, (done) =>
      progress.update(reader.bytes, reader.rowsRead, `汇总 (rolling up) ${done}/${days.length} 天`),
    );
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
      daysFromFile,
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

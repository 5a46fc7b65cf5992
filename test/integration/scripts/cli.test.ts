// The command-line scripts (issue 13): options in any order through node:util parseArgs, --help,
// a usage error exits 2; `npm run import:monitoring` rejects a file with any bad row unless told to
// tolerate it (--max-rejected N), shows progress as plain lines without a terminal, and counts rows
// written, not line numbers.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../seed/world';
import { createDataSource } from '../../../subgraphs/supervision/data-source';
import { generateMonitoringFile } from '../../../subgraphs/supervision/monitoring/ingest/generate';
import { importMonitoringFile } from '../../../subgraphs/supervision/monitoring/ingest/import-file';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('every script parses its options with parseArgs and prints --help', () => {
  it.each(['import-monitoring', 'generate-monitoring', 'seed', 'migrate', 'audit-verify'])('%s', async (script) => {
    const help = await run(script, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法 \(usage\): npm run /);
    expect(help.stdout).toContain('--help');
    const bad = await run(script, ['--no-such-option']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^参数有误 \(bad arguments\): .*--no-such-option/);
    expect(bad.stderr).toContain('用法 (usage)');
  });
});

describe('npm run import:monitoring', () => {
  const world = buildWorld();
  let database: TestDatabase;
  let dir: string;
  let clean: string;
  let truncated: string;
  const ROWS = 2_000;

  beforeAll(async () => {
    database = await createTestDatabase({ from: 'seeded' });
    dir = mkdtempSync(path.join(tmpdir(), 'govcloud-cli-'));
    clean = path.join(dir, 'clean.csv');
    truncated = path.join(dir, 'truncated.csv');
    await generateMonitoringFile({ rows: ROWS, out: clean, systems: world.systems, lastDay: '2026-10-15' });
    await generateMonitoringFile({ rows: 200, out: truncated, systems: world.systems, lastDay: '2026-10-14' });
    // A line cut short, as a copy that stopped half-way leaves it.
    appendFileSync(truncated, `${world.systems[0]!.id},2026-10-14T10:00:00+08:00,1`);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ DATABASE_URL: database.url, MIGRATION_DATABASE_URL: database.migrationUrl, GOVCLOUD_TODAY: '2026-11-26' });

  async function rawSamples(): Promise<number> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM supervision.system_sample');
      return rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  it('a file with one truncated line exits 1 and writes nothing, naming the line', async () => {
    const result = await run('import-monitoring', [truncated], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 行被拒绝，超过容许的 0 行');
    expect(result.stderr).toMatch(/第 202 行 \(line 202\)/);
    expect(result.stderr).toContain('--max-rejected N');
    expect(await rawSamples()).toBe(0);
  });

  it('--max-rejected N before or after the file tolerates N bad rows (not "ENOENT: stat \'5\'")', async () => {
    const before = await run('import-monitoring', ['--max-rejected', '5', truncated], env());
    expect(before.stderr).not.toContain('ENOENT');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('拒绝 (rejected):         1');
    expect(before.stdout).toContain('写入 (accepted):         200');
    const after = await run('import-monitoring', [truncated, '--max-rejected=1'], env());
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('重复 (duplicates):       200');
    expect((await run('import-monitoring', [truncated, '--max-rejected', 'five'], env())).code).toBe(2);
  });

  it('without a terminal, progress is plain lines — no bar drawn line after line', async () => {
    const result = await run('import-monitoring', [clean], env());
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^导入 \(import\) \d+% \| [\d.]+\/[\d.]+ MB \| [\d,]+ 行 \(rows\) \| /);
    expect(result.stderr).not.toMatch(/[█░]/);
    expect(new Set(lines).size).toBe(lines.length);
    expect(result.stdout).toContain(`读取 (rows read):        ${ROWS.toLocaleString('en-US')} 行`);
  });

  it('counts rows written, not line numbers: 2,000 rows show 2,000 (and 2,000/2,000 when written again), never 2,001', async () => {
    const file = path.join(dir, 'counted.csv');
    await generateMonitoringFile({ rows: ROWS, out: file, systems: world.systems, lastDay: '2026-10-13' });
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    const writingCounts = async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      });
      await importMonitoringFile(dataSource, file, { progress: stream, progressEveryMs: 0, chunkRows: 500, today: '2026-11-26' });
      expect(lines.join('\n')).not.toContain('2,001');
      return lines.map((line) => /写入 \(writing\) ([\d,/]+) 行/.exec(line)?.[1]).filter((count) => count !== undefined);
    };
    try {
      // New rows stream straight in: a count every 500 rows, then the last.
      expect(await writingCounts()).toEqual(['500', '1,000', '1,500', '2,000', '2,000']);
      // Again: the first attempt fails where the server meets a known row; then the rows are written
      // skipping known ones, in chunks of 500 lines, the header being line 1: 499, 999, 1,499, 1,999 and the last row.
      const again = await writingCounts();
      expect(again.slice(-5)).toEqual(['499/2,000', '999/2,000', '1,499/2,000', '1,999/2,000', '2,000/2,000']);
    } finally {
      await dataSource.destroy();
    }
  });
});

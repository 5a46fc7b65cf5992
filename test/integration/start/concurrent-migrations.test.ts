// Several replicas start together (issue 13): two `npm run migrate` at once against an empty
// database both succeed, and every migration is applied once — they take turns under a
// PostgreSQL advisory lock instead of racing to create the same schemas and tables.
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../../subgraphs/kit/schema-files';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

let database: TestDatabase | undefined;
afterAll(() => database?.drop());

function migrate(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/migrate.ts'],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('migrations run once, under an advisory lock', () => {
  it('two migrators started at once against an empty database both succeed, each migration applied once', async () => {
    database = await createTestDatabase({ from: 'empty' });
    const env = { DATABASE_URL: database.url, MIGRATION_DATABASE_URL: database.migrationUrl };
    const [first, second] = await Promise.all([migrate(env), migrate(env)]);
    expect(first.output).toContain('已完成迁移 (migrated)');
    expect(second.output).toContain('已完成迁移 (migrated)');
    expect([first.code, second.code]).toEqual([0, 0]);

    const client = new pg.Client({ connectionString: database.migrationUrl });
    await client.connect();
    try {
      for (const schema of SUBGRAPH_NAMES) {
        const { rows } = await client.query<{ name: string; times: number }>(
          `SELECT name, count(*)::int AS times FROM "${schema}"."migrations" GROUP BY name`,
        );
        expect(rows.length, schema).toBeGreaterThan(0);
        expect(
          rows.filter((row) => row.times !== 1),
          schema,
        ).toEqual([]);
      }
      const { rows: jobs } = await client.query<{ times: number }>(
        'SELECT count(*)::int AS times FROM graphile_worker.migrations GROUP BY id HAVING count(*) > 1',
      );
      expect(jobs).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

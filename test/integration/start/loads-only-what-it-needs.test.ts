// `npm start` on an existing database migrates and checks each schema with the data sources alone:
// it loads no subgraph's server, seed or effects and builds no demo world (each took seconds to
// compile and load under tsx, for nothing). Observed by a resolve hook in a child process that
// notes every project file loaded while migrateAndSeed runs, as supervisor.ts calls it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

const dir = mkdtempSync(path.join(tmpdir(), 'govcloud-start-loads-'));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrateAndSeed on a seeded database', () => {
  it('loads the subgraphs’ data sources only, and seeds nothing', async () => {
    const loaded = path.join(dir, 'loaded.txt');
    writeFileSync(
      path.join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:') && !result.url.includes('/node_modules/')) appendFileSync(${JSON.stringify(loaded)}, result.url + '\\n');
  return result;
}`,
    );
    writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
    writeFileSync(
      path.join(dir, 'migrate.mts'),
      `const { migrateAndSeed } = await import(${JSON.stringify(pathToFileURL(path.resolve('seed/run.ts')).href)});
console.log(JSON.stringify(await migrateAndSeed(process.env.MIGRATION_URL)));`,
    );
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--import', pathToFileURL(path.join(dir, 'register.mjs')).href, path.join(dir, 'migrate.mts')],
        { env: { ...process.env, MIGRATION_URL: database.migrationUrl }, timeout: 90_000 },
        (error, out, err) => (error ? reject(new Error(`${String(error)}\n${err}`)) : resolve(out)),
      ),
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      seeded: [],
      skipped: ['providers', 'applications', 'security', 'supervision'],
    });
    const files = readFileSync(loaded, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((url) => path.relative(process.cwd(), new URL(url).pathname));
    for (const name of ['providers', 'applications', 'security', 'supervision']) {
      expect(files).toContain(`subgraphs/${name}/data-source.ts`);
      for (const unneeded of ['server.ts', 'seed.ts', 'effects.ts']) expect(files).not.toContain(`subgraphs/${name}/${unneeded}`);
    }
    expect(files).not.toContain('seed/world/index.ts');
  });
});

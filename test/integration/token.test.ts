// `npm run token` against a real database: a --unit or --provider is looked up by id or by code and
// refused when the directory does not have it (or would refuse it), and --list shows the choices.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevTokenError } from '../../gateway/src/dev-token';
import { openTokenDirectory, unitClaims, type TokenDirectory } from '../../scripts/token-directory';
import { buildWorld } from '../../seed/world';
import { migrate } from '../../subgraphs/kit/data-source';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { createTestDatabase, type TestDatabase } from '../setup/database';

const run = promisify(execFile);
const world = buildWorld();
const unit = world.units.find((candidate) => candidate.code === 'U-371602-001')!;
const provider = world.providers.find((candidate) => candidate.code === 'P-INSPUR')!;

let database: TestDatabase;
let directory: TokenDirectory;

beforeAll(async () => {
  database = await createTestDatabase();
  // Before anything is migrated, the script says what to do rather than failing on SQL.
  const empty = await openTokenDirectory(database.url);
  await expect(empty.unit(unit.code)).rejects.toThrow(/请先运行 npm start 或 npm run seed/);
  await empty.close();
  for (const name of ['providers', 'applications'] as const) {
    const module = await loadSubgraphModule(name);
    // Migrated and seeded as the owner; the directory reads as the service role.
    const dataSource = module.createDataSource(database.migrationUrl);
    try {
      await migrate(dataSource);
      await module.seed(dataSource, world);
    } finally {
      await dataSource.destroy();
    }
  }
  directory = await openTokenDirectory(database.url);
});

afterAll(async () => {
  await directory?.close();
  await database?.drop();
});

describe('token directory', () => {
  it('finds a unit and a provider by id (any case) or by code', async () => {
    expect(await directory.unit(unit.code)).toMatchObject({ id: unit.id, regionCode: unit.regionCode, active: true });
    expect((await directory.unit(unit.id.toUpperCase())).code).toBe(unit.code);
    expect((await directory.provider(provider.code)).id).toBe(provider.id);
    expect((await directory.provider(provider.id)).code).toBe(provider.code);
  });

  it('refuses what the database does not have, malformed ids included, without reaching SQL errors', async () => {
    for (const missing of ['U-371602-999', '00000000-0000-4000-8000-000000000000', "x' OR 1=1 --"]) {
      await expect(directory.unit(missing)).rejects.toThrow(DevTokenError);
    }
    await expect(directory.provider('P-NOBODY')).rejects.toThrow(/没有标识或编码为 P-NOBODY 的定点服务商/);
  });

  it('takes the unit’s own region, and refuses another region or an inactive unit as the gateway would', async () => {
    const row = await directory.unit(unit.code);
    expect(unitClaims(row, undefined)).toEqual({ unit: unit.id, region: unit.regionCode });
    expect(() => unitClaims(row, '371603')).toThrow(/属于区划 371602，不是 371603/);
    expect(() => unitClaims({ ...row, active: false }, undefined)).toThrow(/已撤销或合并/);
  });

  it('lists every unit and provider', async () => {
    expect(await directory.units()).toHaveLength(world.units.length);
    expect((await directory.providers()).map((p) => p.code)).toEqual(world.providers.map((p) => p.code).sort());
  });
});

describe('npm run token', () => {
  const token = (...args: string[]) =>
    run('npx', ['tsx', 'scripts/token.ts', ...args], { env: { ...process.env, DATABASE_URL: database.url } }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('signs a unit’s token by code, with the unit’s id and region', async () => {
    const { code, stdout } = await token('--role', 'USER_UNIT', '--unit', unit.code);
    expect(code).toBe(0);
    expect(decodeJwt(stdout.trim())).toMatchObject({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
  });

  it('refuses a unit or provider that is not in the database in one line saying how to list them', async () => {
    for (const args of [
      ['--role', 'USER_UNIT', '--unit', 'U-371602-999'],
      ['--role', 'PROVIDER', '--provider', 'P-NOBODY'],
      ['--role', 'PROVIDER', '--provider', '00000000-0000-4000-8000-000000000000'],
    ]) {
      const refused = await token(...args);
      expect([refused.code, refused.stdout], args.join(' ')).toEqual([2, '']);
      expect(refused.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(refused.stderr).toContain(`没有标识或编码为 ${args[3]} 的`);
      expect(refused.stderr).toContain('npm run -s token -- --list');
    }
  });

  it('--list prints the units (code, name, id, county) and providers (code, name, id, status) to choose from', async () => {
    const list = await token('--list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${unit.code}\t${unit.name}\t${unit.id}\t${unit.regionCode} 滨城区\n`);
    expect(list.stdout).toContain(`${provider.code}\t${provider.name}\t${provider.id}\t${provider.status}\n`);
    expect(list.stdout.split('\n').filter((line) => /^U-/.test(line))).toHaveLength(world.units.length);
  });

  it('--help prints the usage; an unknown option is refused with it', async () => {
    const help = await token('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--role <ROLE>[\s\S]*--list/);
    const unknown = await token('--unitt', unit.code);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/参数无效[\s\S]*用法/);
  });
});

// The demo seed writes no inactive units; this one is made inactive here to see the script refuse it.
describe('an inactive unit', () => {
  it('is refused by the script', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const other = world.units.find((candidate) => candidate.code === 'U-371602-002')!;
    await client.query(`UPDATE applications.unit SET active = false WHERE id = $1`, [other.id]);
    await client.end();
    await expect(directory.unit(other.code).then((row) => unitClaims(row, undefined))).rejects.toThrow(/已撤销或合并/);
  });
});

// Each kind of setting refuses nonsense with one line saying what to fix, in Chinese with the
// English in parentheses (issue 13): dates, URLs, ports (those fetch refuses included), numbers,
// switches, enumerations and the host.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  FETCH_BAD_PORTS,
  parseHttpUrl,
  readBoolean,
  readDatabaseUrls,
  readHost,
  readNodeEnv,
  readPort,
  readPostgresUrl,
  readShutdownGraceMs,
  readSubgraphConfig,
} from '../../../subgraphs/kit/config';
import { readPinnedToday } from '../../../subgraphs/kit/dates';
import { childEnvironment } from '../../../scripts/start-config';
import { readSettings as readApplicationsSettings } from '../../../subgraphs/applications/settings';
import { readSettings as readSupervisionSettings } from '../../../subgraphs/supervision/settings';

/** The ConfigError `read` throws: one line, Chinese first, the English in parentheses. */
function refusal(read: () => unknown): string {
  let caught: unknown;
  try {
    read();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const message = (caught as ConfigError).message;
  expect(message).not.toContain('\n');
  expect(message).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
  return message;
}

describe('dates', () => {
  it('GOVCLOUD_TODAY must be a real YYYY-MM-DD day, or unset', () => {
    expect(readPinnedToday({ GOVCLOUD_TODAY: '2026-11-26' })).toBe('2026-11-26');
    expect(readPinnedToday({})).toBeNull();
    expect(readPinnedToday({ GOVCLOUD_TODAY: '' })).toBeNull();
    for (const bad of ['2026-13-45', 'tomorrow', '2026-02-29', '2026-1-5', ' 2026-11-26']) {
      expect(refusal(() => readPinnedToday({ GOVCLOUD_TODAY: bad }))).toContain(`GOVCLOUD_TODAY=${bad} `);
    }
  });

  it('a subgraph reads it at start, with everything else', async () => {
    await expect(
      readSubgraphConfig('providers', {
        DATABASE_URL: 'postgres://a:b@127.0.0.1/db',
        INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
        GOVCLOUD_TODAY: 'tomorrow',
      }),
    ).rejects.toThrow(/GOVCLOUD_TODAY=tomorrow/);
  });
});

describe('URLs', () => {
  it('DATABASE_URL, MIGRATION_DATABASE_URL and ADMIN_DATABASE_URL must be postgres:// URLs naming a host', () => {
    expect(refusal(() => readDatabaseUrls({ DATABASE_URL: 'not-a-url' }))).toMatch(/^DATABASE_URL .*postgres:\/\//);
    expect(refusal(() => readDatabaseUrls({ DATABASE_URL: 'mysql://u@h/db' }))).toMatch(/^DATABASE_URL /);
    expect(refusal(() => readPostgresUrl({ ADMIN_DATABASE_URL: 'postgres:///postgres' }, 'ADMIN_DATABASE_URL'))).toMatch(/host/);
    expect(readPostgresUrl({ DATABASE_URL: 'postgres:///db?host=/var/run/postgresql' }, 'DATABASE_URL')).toBeDefined();
    expect(refusal(() => readDatabaseUrls({ DATABASE_URL: 'postgres://u@h/db', MIGRATION_DATABASE_URL: 'owner' }))).toMatch(
      /^MIGRATION_DATABASE_URL /,
    );
  });

  it('http(s) URLs must be http(s) and not on a port fetch refuses', () => {
    expect(parseHttpUrl('http://providers:4001/graphql', 'PROVIDERS_URL').port).toBe('4001');
    expect(refusal(() => parseHttpUrl('ftp://x/graphql', 'PROVIDERS_URL'))).toMatch(/http/);
    expect(refusal(() => parseHttpUrl('http://idp:6667/jwks', 'JWT_JWKS_URL'))).toMatch(/^JWT_JWKS_URL=.* IRC/);
  });
});

describe('ports', () => {
  it('a port is a whole number 0–65535 (1–65535 where others must find it)', () => {
    expect(readPort({ P: '4000' }, 'P', 1)).toBe(4000);
    expect(readPort({}, 'P', 4000)).toBe(4000);
    expect(readPort({ P: '0' }, 'P', 1)).toBe(0);
    for (const bad of ['70000', '-1', '40a0', '4000.5', 'http']) expect(refusal(() => readPort({ P: bad }, 'P', 1))).toContain(`P=${bad} `);
    expect(refusal(() => readPort({ P: '0' }, 'P', 1, { allowZero: false }))).toMatch(/1–65535/);
  });

  it('a port fetch refuses is refused with the protocol it is kept for', () => {
    expect(refusal(() => readPort({ GATEWAY_PORT: '6000' }, 'GATEWAY_PORT', 4000))).toBe(
      "GATEWAY_PORT=6000 是 fetch 拒绝连接的端口（留给 X11），请换一个 (port 6000 is on fetch's bad-port list, kept for X11: choose another)",
    );
    // PostgreSQL is not reached with fetch.
    expect(readPort({ EMBEDDED_PG_PORT: '6000' }, 'EMBEDDED_PG_PORT', 54329, { fetched: false })).toBe(6000);
  });

  it("the list is undici's (Node's fetch), port for port", () => {
    const undici = createRequire(import.meta.url)('undici/lib/web/fetch/constants.js') as { badPorts: readonly string[] };
    expect([...FETCH_BAD_PORTS.keys()].sort((a, b) => a - b)).toEqual(undici.badPorts.map(Number).sort((a, b) => a - b));
  });
});

describe('numbers', () => {
  it('SHUTDOWN_GRACE_MS, EFFECT_WORKER_CONCURRENCY, MATERIAL_MAX_BYTES and UTILISATION_* are numbers in range', async () => {
    expect(refusal(() => readShutdownGraceMs({ SHUTDOWN_GRACE_MS: 'soon' }))).toMatch(/^SHUTDOWN_GRACE_MS=soon /);
    await expect(
      readSubgraphConfig('providers', {
        DATABASE_URL: 'postgres://a:b@127.0.0.1/db',
        INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
        EFFECT_WORKER_CONCURRENCY: '0',
      }),
    ).rejects.toThrow(ConfigError);
    expect(refusal(() => readApplicationsSettings({ MATERIAL_MAX_BYTES: '-1' }))).toMatch(/MATERIAL_MAX_BYTES/);
    expect(refusal(() => readSupervisionSettings({ UTILISATION_MIN_DAYS_WITH_DATA: '0' }))).toMatch(/^UTILISATION_MIN_DAYS_WITH_DATA=0 /);
    expect(refusal(() => readSupervisionSettings({ UTILISATION_IDLE_CPU_P95_PERCENT: 'five' }))).toMatch(
      /UTILISATION_IDLE_CPU_P95_PERCENT/,
    );
  });
});

describe('switches', () => {
  const base = { DATABASE_URL: 'postgres://a:b@127.0.0.1/db', INTERNAL_TOKEN_SECRET: 'x'.repeat(32) };

  it('MIGRATE_AT_START is true or false (1 or 0), true when unset: a subgraph started on its own migrates', async () => {
    expect((await readSubgraphConfig('providers', base)).migrateAtStart).toBe(true);
    expect((await readSubgraphConfig('providers', { ...base, MIGRATE_AT_START: 'FALSE' })).migrateAtStart).toBe(false);
    expect((await readSubgraphConfig('providers', { ...base, MIGRATE_AT_START: ' 0 ' })).migrateAtStart).toBe(false);
    expect(readBoolean({ MIGRATE_AT_START: '' }, 'MIGRATE_AT_START', true)).toBe(true);
    expect(refusal(() => readBoolean({ MIGRATE_AT_START: 'no' }, 'MIGRATE_AT_START', true))).toMatch(
      /^MIGRATE_AT_START 须为 true 或 false/,
    );
    await expect(readSubgraphConfig('providers', { ...base, MIGRATE_AT_START: 'yes' })).rejects.toThrow(ConfigError);
  });

  it('COMPILED_EXECUTION is true when unset (operations compiled by graphql-jit); false runs graphql-js', async () => {
    expect((await readSubgraphConfig('providers', base)).compiledExecution).toBe(true);
    expect((await readSubgraphConfig('providers', { ...base, COMPILED_EXECUTION: 'false' })).compiledExecution).toBe(false);
    await expect(readSubgraphConfig('providers', { ...base, COMPILED_EXECUTION: 'jit' })).rejects.toThrow(
      /^COMPILED_EXECUTION 须为 true 或 false/,
    );
  });

  it('COMPILED_EXECUTION_AFTER is 1 interpreted run when unset, 0 compiles at first sight, and refuses what is not 0–100', async () => {
    expect((await readSubgraphConfig('providers', base)).interpretedRunsBeforeCompiling).toBe(1);
    expect((await readSubgraphConfig('providers', { ...base, COMPILED_EXECUTION_AFTER: '0' })).interpretedRunsBeforeCompiling).toBe(0);
    expect((await readSubgraphConfig('providers', { ...base, COMPILED_EXECUTION_AFTER: ' 5 ' })).interpretedRunsBeforeCompiling).toBe(5);
    for (const bad of ['-1', '101', '1.5', 'twice'])
      await expect(readSubgraphConfig('providers', { ...base, COMPILED_EXECUTION_AFTER: bad })).rejects.toThrow(
        /^COMPILED_EXECUTION_AFTER=.* 须为 0–100 的整数/,
      );
  });

  it('npm start gives its services MIGRATE_AT_START=false, whatever its own environment says: it migrated them first', () => {
    const ports = { providers: 1, applications: 2, security: 3, supervision: 4 };
    const children = childEnvironment(
      { MIGRATE_AT_START: 'true' },
      { host: '127.0.0.1', gatewayPort: 5, ports },
      {
        databaseUrl: base.DATABASE_URL,
        internalTokenSecret: base.INTERNAL_TOKEN_SECRET,
      },
    );
    for (const env of Object.values(children)) expect(env.MIGRATE_AT_START).toBe('false');
  });
});

describe('enumerations', () => {
  it('NODE_ENV is production, development, test or unset: `prod` would quietly run with development keys', () => {
    expect(readNodeEnv({ NODE_ENV: 'production' })).toBe('production');
    expect(readNodeEnv({})).toBeUndefined();
    for (const bad of ['prod', 'Production', 'staging'])
      expect(refusal(() => readNodeEnv({ NODE_ENV: bad }))).toContain(`NODE_ENV=${bad} `);
  });

  it('MATERIAL_STORE is postgres or s3', () => {
    expect(refusal(() => readApplicationsSettings({ MATERIAL_STORE: 'disk' }))).toMatch(/^MATERIAL_STORE .*postgres 或 s3/);
  });
});

describe('host', () => {
  it('HOST is an IP address or a host name', () => {
    for (const good of ['127.0.0.1', '0.0.0.0', '::', 'localhost', 'gateway.internal']) expect(readHost({ HOST: good })).toBe(good);
    expect(readHost({})).toBe('127.0.0.1');
    for (const bad of ['http://localhost', 'local host', '127.0.0.1:4000'])
      expect(refusal(() => readHost({ HOST: bad }))).toContain(`HOST=${bad} `);
  });
});

// DATABASE_URL (the services' role) and MIGRATION_DATABASE_URL (the owner's), and the URL helpers
// the role set-up builds both from.
import { describe, expect, it } from 'vitest';
import { ConfigError, readDatabaseUrls, readSubgraphConfig } from '../../../subgraphs/kit/config';
import { readStartConfig } from '../../../scripts/start-config';
import { databaseOf, loginOf, withDatabase, withLogin } from '../../../subgraphs/kit/database-roles';

const SERVICE = 'postgres://govcloud_service:s3cret@db:5432/govcloud';
const OWNER = 'postgres://govcloud_owner:0wner@db:5432/govcloud';

describe('readDatabaseUrls', () => {
  it('is undefined without DATABASE_URL (the embedded PostgreSQL then)', () => {
    expect(readDatabaseUrls({})).toBeUndefined();
    expect(readDatabaseUrls({ DATABASE_URL: '  ' })).toBeUndefined();
  });

  it('migrates with MIGRATION_DATABASE_URL, or with DATABASE_URL itself when it is unset', () => {
    expect(readDatabaseUrls({ DATABASE_URL: SERVICE, MIGRATION_DATABASE_URL: OWNER })).toEqual({ url: SERVICE, migrationUrl: OWNER });
    expect(readDatabaseUrls({ DATABASE_URL: SERVICE })).toEqual({ url: SERVICE, migrationUrl: SERVICE });
  });

  it('refuses MIGRATION_DATABASE_URL alone and a URL that is not postgres://, naming the variable but not the password', () => {
    expect(() => readDatabaseUrls({ MIGRATION_DATABASE_URL: OWNER })).toThrow(ConfigError);
    expect(() => readDatabaseUrls({ DATABASE_URL: 'mysql://u:topsecret@db/govcloud' })).toThrow(/^DATABASE_URL .*postgres:\/\//);
    expect(() => readDatabaseUrls({ DATABASE_URL: SERVICE, MIGRATION_DATABASE_URL: 'not a url' })).toThrow(/^MIGRATION_DATABASE_URL/);
    try {
      readDatabaseUrls({ DATABASE_URL: 'mysql://u:topsecret@db/govcloud' });
    } catch (error) {
      expect((error as Error).message).not.toContain('topsecret');
    }
  });
});

describe('DATABASE_READ_URL', () => {
  const READ = 'postgres://govcloud_service:s3cret@db-ro:5432/govcloud';
  const base = { DATABASE_URL: SERVICE, INTERNAL_TOKEN_SECRET: 'secret-'.repeat(6) };

  it("is the subgraph's read replica when set, and nothing when unset", async () => {
    expect((await readSubgraphConfig('security', { ...base, DATABASE_READ_URL: READ })).databaseReadUrl).toBe(READ);
    expect((await readSubgraphConfig('security', base)).databaseReadUrl).toBeUndefined();
  });

  it('stops the start with one line naming it when it is not a postgres:// URL, not showing the password', async () => {
    for (const bad of ['not a url', 'mysql://u:topsecret@db-ro/govcloud']) {
      await expect(readSubgraphConfig('providers', { ...base, DATABASE_READ_URL: bad })).rejects.toThrow(
        /^DATABASE_READ_URL .*postgres:\/\//,
      );
      // `npm start` checks it before starting anything, with its children's settings.
      await expect(readStartConfig({ DATABASE_READ_URL: bad }, 'secret-'.repeat(6))).rejects.toThrow(/^DATABASE_READ_URL [^\n]*$/);
      await expect(readStartConfig({ DATABASE_READ_URL: bad }, 'secret-'.repeat(6))).rejects.not.toThrow(/topsecret/);
    }
  });
});

describe('connection URL helpers', () => {
  it('read and replace the login and the database, encoding what a URL cannot hold as is', () => {
    const url = withLogin(withDatabase(SERVICE, 'govcloud_test'), { name: 'govcloud_service', password: 'p@ss/wo:rd' });
    expect(loginOf(url)).toEqual({ name: 'govcloud_service', password: 'p@ss/wo:rd' });
    expect(databaseOf(url)).toBe('govcloud_test');
    expect(new URL(url).host).toBe('db:5432');
  });
});

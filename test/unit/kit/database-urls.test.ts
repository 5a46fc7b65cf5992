// DATABASE_URL (the services' role) and MIGRATION_DATABASE_URL (the owner's), and the URL helpers
// the role set-up builds both from.
import { describe, expect, it } from 'vitest';
import { ConfigError, readDatabaseUrls } from '../../../subgraphs/kit/config';
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

describe('connection URL helpers', () => {
  it('read and replace the login and the database, encoding what a URL cannot hold as is', () => {
    const url = withLogin(withDatabase(SERVICE, 'govcloud_test'), { name: 'govcloud_service', password: 'p@ss/wo:rd' });
    expect(loginOf(url)).toEqual({ name: 'govcloud_service', password: 'p@ss/wo:rd' });
    expect(databaseOf(url)).toBe('govcloud_test');
    expect(new URL(url).host).toBe('db:5432');
  });
});

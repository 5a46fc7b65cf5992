import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../subgraphs/kit/embedded-postgres';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, ensureRoles, withLogin, type RoleLogin } from '../../subgraphs/kit/database-roles';
import { freePort } from './free-port';

/**
 * Vitest global setup: one PostgreSQL server for the whole run — DATABASE_URL's server when set
 * (logging in as a superuser), otherwise an embedded one in a throw-away folder — with the owner
 * and service roles, as `npm start` sets them up. Each test file then creates its own database;
 * migrations and seeds run as the owner, the services as the service role.
 */
let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const port = await freePort();
    const dataDir = path.resolve('.data', `test-pg-${project.name}-${process.pid}`);
    embedded = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
    serverUrl = embedded.serverUrl;
  }
  // Derived from the server's own URL, so the integration and e2e projects (each with this setup)
  // agree on them when they share a DATABASE_URL server.
  const roles: TestDatabaseRoles = {
    owner: { name: DEFAULT_OWNER_ROLE, password: passwordFor(serverUrl, DEFAULT_OWNER_ROLE) },
    service: { name: DEFAULT_SERVICE_ROLE, password: passwordFor(serverUrl, DEFAULT_SERVICE_ROLE) },
  };
  await ensureRoles(serverUrl, { url: withLogin(serverUrl, roles.service), migrationUrl: withLogin(serverUrl, roles.owner) });
  project.provide('testDatabaseServerUrl', serverUrl);
  project.provide('testDatabaseRoles', roles);
  return async () => {
    await embedded?.stop();
  };
}

function passwordFor(serverUrl: string, role: string): string {
  return createHmac('sha256', serverUrl).update(role).digest('base64url');
}

export interface TestDatabaseRoles {
  owner: RoleLogin;
  service: RoleLogin;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server, logged in as a superuser (creates and drops the test files' databases). */
    testDatabaseServerUrl: string;
    testDatabaseRoles: TestDatabaseRoles;
  }
}

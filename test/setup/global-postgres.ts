import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readPostgresUrl } from '../../subgraphs/kit/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../subgraphs/kit/embedded-postgres';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, ensureRoles, withLogin, type RoleLogin } from '../../subgraphs/kit/database-roles';
import { buildTemplates, dropTemplates, type DatabaseTemplates } from './database-templates';
import { freePort } from './free-port';

/**
 * Vitest global setup: one PostgreSQL server for the whole run — DATABASE_URL's server when set
 * (logging in as a superuser), otherwise an embedded one in a throw-away folder — with the owner
 * and service roles, as `npm start` sets them up, and two template databases (migrated; migrated
 * and seeded) built once. Each test file then creates its own database, empty or cloned from a
 * template; migrations and seeds run as the owner, the services as the service role.
 */
let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Checked as the processes check it, so a malformed URL stops the run with one line saying what to fix.
  let serverUrl = readPostgresUrl(process.env, 'DATABASE_URL');
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
  // The seed reads "today" (the demo world's date) as the test files do.
  const today = project.config.env.GOVCLOUD_TODAY ?? project.globalConfig.env.GOVCLOUD_TODAY;
  if (today && !process.env.GOVCLOUD_TODAY) process.env.GOVCLOUD_TODAY = today;
  let templates: DatabaseTemplates;
  try {
    templates = await buildTemplates(serverUrl, roles, `govcloud_template_${project.name}_${process.pid}`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  project.provide('testDatabaseServerUrl', serverUrl);
  project.provide('testDatabaseRoles', roles);
  project.provide('testDatabaseTemplates', templates);
  return async () => {
    await dropTemplates(serverUrl, templates);
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
    /** The run's template databases (ALLOW_CONNECTIONS false: only ever cloned). */
    testDatabaseTemplates: DatabaseTemplates;
  }
}

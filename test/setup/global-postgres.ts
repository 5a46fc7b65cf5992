import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../subgraphs/kit/embedded-postgres';
import { freePort } from './free-port';

/**
 * Vitest global setup: one PostgreSQL server for the whole run — DATABASE_URL's server when set,
 * otherwise an embedded one in a throw-away folder. Each test file then creates its own database.
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
  project.provide('testDatabaseServerUrl', serverUrl);
  return async () => {
    await embedded?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServerUrl: string;
  }
}

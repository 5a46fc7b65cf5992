// Stopping the embedded server right after a pool has ended (the end of npm run seed, the bench,
// explain-hot): pg-pool's end() returns once it has asked its connections to close, not once they
// have, and a server stopped at that moment terminated them under the pool, which logged
// "terminating connection due to administrator command" for each. stop() now waits for them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../subgraphs/kit/embedded-postgres';
import { freePort } from '../../setup/free-port';

const dataDir = path.resolve('.data', `test-pg-stop-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded server stops after the connections its users are closing', () => {
  it('a pool ended just before stop(), and a client that ends half a second into it, see none of their connections terminated', async () => {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true });
    const pool = new pg.Pool({ connectionString: server.serverUrl, max: 8 });
    const late = new pg.Client({ connectionString: server.serverUrl });
    const errors: string[] = [];
    pool.on('error', (error) => errors.push(`pool: ${error.message}`));
    late.on('error', (error) => errors.push(`late client: ${error.message}`));
    let lateEnded: Promise<void> | undefined;
    try {
      await late.connect();
      // Eight connections, each used and idle in the pool, as a service's are at its stop.
      const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
      await Promise.all(clients.map((client) => client.query('SELECT 1')));
      for (const client of clients) client.release();
      await pool.end();
      // A user slower to close (the pool's own race is won or lost by milliseconds; this one is not).
      lateEnded = new Promise((resolve) => setTimeout(resolve, 500)).then(() => late.end());
    } finally {
      await server.stop();
    }
    await lateEnded;
    // An error the server's stop caused arrives on the socket after it closes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
  }, 60_000);
});

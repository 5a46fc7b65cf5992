// The real graph on a PostgreSQL server of its own (not the run's shared one), restarted under
// load: while it is away every request is answered, with SERVICE_UNAVAILABLE and never
// INTERNAL_SERVER_ERROR; once it is back, requests succeed again without restarting any service
// (the pools reconnect, the effect workers go on running jobs).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_CAP_CHANGED_TASK } from '../../subgraphs/contracts/catalog-cap-events';
import { DEFAULT_OWNER_ROLE, DEFAULT_SERVICE_ROLE, setUpDatabaseRoles, withDatabase, withLogin } from '../../subgraphs/kit/database-roles';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../subgraphs/kit/embedded-postgres';
import { JOBS_SCHEMA, REFUSED_EFFECTS_TABLE } from '../../subgraphs/kit/jobs';
import { freePort } from '../setup/free-port';
import { startLocalStack, type Stack } from '../setup/local-stack';

const QUERY = /* GraphQL */ `
  query Across($system: ID!) {
    providers(first: 5) {
      totalCount
    }
    system(id: $system) {
      code
    }
    securityAgreements(first: 1) {
      totalCount
    }
    providerEvaluations: providers(first: 3) {
      edges {
        node {
          latestEvaluation {
            year
          }
        }
      }
    }
  }
`;

const dataDir = path.resolve('.data', `test-pg-restart-${process.pid}`);
let port: number;
let server: EmbeddedDatabase | undefined;
let stack: Stack;
let token: string;
let systemId: string;

type Outcome = 'ok' | 'unavailable' | 'other';
const counts = { requests: 0, ok: 0, unavailable: 0, other: 0 };
const otherSamples: string[] = [];

async function ask(): Promise<Outcome> {
  counts.requests += 1;
  let outcome: Outcome;
  try {
    const { status, ...body } = await stack.query(token, QUERY, { system: systemId });
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    if (status === 200 && codes.length === 0) outcome = 'ok';
    else if (codes.length > 0 && codes.every((code) => code === 'SERVICE_UNAVAILABLE')) outcome = 'unavailable';
    else {
      outcome = 'other';
      if (otherSamples.length < 5) otherSamples.push(`${status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
    }
  } catch (error) {
    outcome = 'other';
    if (otherSamples.length < 5) otherSamples.push(String(error));
  }
  counts[outcome] += 1;
  return outcome;
}

beforeAll(async () => {
  port = await freePort();
  rmSync(dataDir, { recursive: true, force: true });
  // Kept across its own restart (not ephemeral); removed at the end.
  server = await startEmbeddedPostgres({ dataDir, port });
  // The owner and service roles, as npm start sets them up: the subgraphs run as the service role.
  const database = withDatabase(server.serverUrl, 'govcloud_restart');
  const urls = {
    url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: randomBytes(18).toString('base64url') }),
    migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: randomBytes(18).toString('base64url') }),
  };
  await setUpDatabaseRoles(server.serverUrl, urls);
  stack = await startLocalStack(urls, { seed: true });
  token = await stack.token({ role: 'BUREAU' });
  systemId = stack.world.systems[0]!.id;
});

afterAll(async () => {
  await stack?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under load', () => {
  it('answers SERVICE_UNAVAILABLE while it is away, never INTERNAL_SERVER_ERROR, and recovers by itself', async () => {
    expect(await ask()).toBe('ok');
    let running = true;
    const phase = { current: 'before' as 'before' | 'away' | 'after' };
    const byPhase = { before: [] as Outcome[], away: [] as Outcome[], after: [] as Outcome[] };
    // Light load: three clients, one request after another.
    const clients = Array.from({ length: 3 }, async () => {
      while (running) {
        const at = phase.current;
        byPhase[at].push(await ask());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));

    phase.current = 'away';
    // At once, under the pools' connections: sessions end with 57P01, new ones are refused.
    await server!.stop({ waitForClientsMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    server = await startEmbeddedPostgres({ dataDir, port });
    const backAt = performance.now();

    // Back: without restarting anything, requests succeed again.
    let firstOkMs: number | undefined;
    while (firstOkMs === undefined && performance.now() - backAt < 30_000) {
      if ((await ask()) === 'ok') firstOkMs = Math.round(performance.now() - backAt);
    }
    phase.current = 'after';
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running = false;
    await Promise.all(clients);
    const lastTen = await Promise.all(Array.from({ length: 10 }, () => ask()));

    console.log(
      `PostgreSQL restart: ${counts.requests} requests, ${counts.ok} ok, ${counts.unavailable} SERVICE_UNAVAILABLE, ${counts.other} other errors; ` +
        `while away ${byPhase.away.length} requests (${byPhase.away.filter((o) => o === 'unavailable').length} SERVICE_UNAVAILABLE); ` +
        `first ok ${firstOkMs} ms after it was back`,
    );
    if (otherSamples.length > 0) console.log(otherSamples.join('\n'));
    expect(counts.other).toBe(0);
    expect(byPhase.away.filter((o) => o === 'unavailable').length).toBeGreaterThan(0);
    expect(firstOkMs).toBeDefined();
    expect(lastTen).toEqual(Array(10).fill('ok'));
  });

  it('the effect workers survived: a job enqueued after the restart is run', async () => {
    const client = new pg.Client({ connectionString: new URL('/govcloud_restart', server!.serverUrl).toString() });
    await client.connect();
    try {
      // A malformed event is refused for good by the applications worker: its refusal row shows it ran.
      const { rows } = await client.query<{ id: string }>(`SELECT (${JOBS_SCHEMA}.add_job($1, '{}'::json)).id::text AS id`, [
        CATALOG_CAP_CHANGED_TASK,
      ]);
      const jobId = rows[0]!.id;
      const deadline = Date.now() + 30_000;
      let refused = 0;
      while (refused === 0 && Date.now() < deadline) {
        refused = (await client.query(`SELECT 1 FROM ${REFUSED_EFFECTS_TABLE} WHERE job_id = $1`, [jobId])).rowCount ?? 0;
        if (refused === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(refused).toBe(1);
    } finally {
      await client.end();
    }
  });
});

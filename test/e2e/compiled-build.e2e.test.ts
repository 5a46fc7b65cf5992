// The production build (`npm run build`, what the Dockerfile runs) without tsx: the compiled
// migrate and seed commands fill an empty database, the four compiled subgraphs and the compiled
// gateway start with plain `node dist/<name>.js` in production mode, the gateway's readiness route
// and the image's HEALTHCHECK script answer ready, and a query through the gateway reads the demo
// data and serves the IDE — so the bundles find the SDL, the supergraph, the manifest and the IDE
// they ship with.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../gateway/src/dev-token';
import { buildDist } from '../../scripts/build';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { freePort } from '../setup/free-port';
import { postGraphQL } from '../setup/graphql-client';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, '.data', `build-test-${process.pid}-${randomBytes(3).toString('hex')}`);
const ISSUER = 'govcloud-build-test-idp';
const AUDIENCE = 'govcloud-build-test';

let database: TestDatabase;
const children: ChildProcess[] = [];
const output: string[] = [];

function run(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // A service is given a channel that stops it if this test's process dies first (kit/supervised.ts);
  // a one-shot command (migrate, seed) is not: an open channel would keep it from exiting.
  const channel = entry === 'gateway' || (SUBGRAPH_NAMES as readonly string[]).includes(entry) ? ['ipc' as const] : [];
  const child = spawn(process.execPath, [path.join(outDir, `${entry}.js`)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...channel],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(`[${entry}] ${chunk}`));
  child.stderr?.on('data', (chunk: Buffer) => output.push(`[${entry}] ${chunk}`));
  return child;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function until(url: string, limitMs = 60_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  let status = 0;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      status = response.status;
      if (status === 200) return status;
    } catch {
      status = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return status;
}

const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_FORMAT: 'json',
  DATABASE_URL: database.url,
});

beforeAll(async () => {
  await buildDist(outDir);
  database = await createTestDatabase({ from: 'empty' });
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? exitCode(child) : undefined)));
  await database?.drop();
  rmSync(outDir, { recursive: true, force: true });
});

/**
 * The bundle files `entry` loads before its own code runs (static imports, followed), and the
 * packages they import; with `dynamic`, also the files it may load later through `import("./…")`.
 */
function importsOf(entry: string, { dynamic = false } = {}): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const imports = dynamic
    ? /(?:^\s*import\s+(?:[^'";]*?\sfrom\s+)?|\bimport\()["']([^"']+)["']/gm
    : /^\s*import\s+(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(imports)) {
      if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe('the compiled build runs with node alone', () => {
  it('bundles plain JavaScript that imports neither tsx nor esbuild', () => {
    const bundles = readdirSync(outDir).filter((file) => file.endsWith('.js'));
    expect(bundles).toEqual(
      expect.arrayContaining(['gateway.js', ...SUBGRAPH_NAMES.map((name) => `${name}.js`), 'migrate.js', 'healthcheck.js']),
    );
    for (const file of bundles) {
      const text = readFileSync(path.join(outDir, file), 'utf8');
      expect(text, file).not.toMatch(/from ["'](tsx|esbuild)["']|import\(["'](tsx|esbuild)["']\)/);
    }
  });

  it('swaps @apollo/federation-internals’ exports and loads Apollo’s telemetry module and data sources before any package that uses them loads in the gateway', () => {
    // gateway/src/federation-exports.ts works only if it runs first: a bundle loads every module
    // its code imports statically (and theirs) before it runs, so the gateway's must come later.
    const { packages } = importsOf(path.join(outDir, 'gateway.js'));
    const { files } = importsOf(path.join(outDir, 'gateway.js'), { dynamic: true });
    expect(files.some((file) => readFileSync(file, 'utf8').includes('"@apollo/federation-internals"'))).toBe(true);
    // And gateway/src/apollo-telemetry.ts, which loads the gateway's telemetry module without the usage report's packages.
    expect(files.some((file) => readFileSync(file, 'utf8').includes('"@apollo/gateway/dist/utilities/opentelemetry.js"'))).toBe(true);
    // And gateway/src/unused-http-client.ts, which loads the gateway's data sources without make-fetch-happen.
    expect(files.some((file) => readFileSync(file, 'utf8').includes('"@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js"'))).toBe(
      true,
    );
    const loadFederationInternals = ['@apollo/gateway', '@apollo/query-planner', '@apollo/composition', '@apollo/federation-internals'];
    expect(packages.filter((name) => loadFederationInternals.some((loads) => name === loads || name.startsWith(`${loads}/`)))).toEqual([]);
  });

  it('loads graphql-js in production mode in every process: nothing loads before subgraphs/kit/graphql-production-mode.ts', () => {
    // A bundle loads the packages its code imports statically before it runs; graphql-js reads its
    // mode when it loads. So each process's entry imports the mode module and the rest dynamically,
    // and statically no package but those below (none of which loads graphql).
    for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
      const entry = path.join(outDir, `${name}.js`);
      expect(importsOf(entry).packages.sort(), name).toEqual(['node:module', 'source-map-support']);
      expect(
        importsOf(entry, { dynamic: true }).files.some((file) => readFileSync(file, 'utf8').includes('"graphql/jsutils/instanceOf.js"')),
        name,
      ).toBe(true);
    }
  });

  it('migrates and seeds an empty database, starts five processes in production and answers ready and a query', async () => {
    const owner = { ...baseEnv(), MIGRATION_DATABASE_URL: database.migrationUrl };
    expect(await exitCode(run('migrate', owner)), output.join('')).toBe(0);
    expect(await exitCode(run('seed', owner)), output.join('')).toBe(0);

    const internalTokenSecret = randomBytes(32).toString('base64url');
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const)));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
    for (const name of SUBGRAPH_NAMES) {
      children.push(
        run(name, {
          ...baseEnv(),
          ...urls,
          INTERNAL_TOKEN_SECRET: internalTokenSecret,
          [`${name.toUpperCase()}_PORT`]: String(ports[name]),
        }),
      );
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const gatewayPort = await freePort();
    const gatewayEnv = {
      ...baseEnv(),
      ...urls,
      GATEWAY_PORT: String(gatewayPort),
      INTERNAL_TOKEN_SECRET: internalTokenSecret,
      JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      RATE_LIMIT_PER_SECOND: '0',
    };
    children.push(run('gateway', gatewayEnv));

    expect(await until(`http://127.0.0.1:${gatewayPort}/ready`, 90_000), output.join('')).toBe(200);
    // The image's HEALTHCHECK, told which process this is (in a container it reads PID 1's command line).
    const check = spawn(process.execPath, [path.join(outDir, 'healthcheck.js')], {
      env: { PATH: process.env.PATH, HEALTHCHECK_PROCESS: 'gateway', GATEWAY_PORT: String(gatewayPort), HOST: '127.0.0.1' },
    });
    expect(await exitCode(check)).toBe(0);

    // Production enforces trusted documents; an analyst's token may still ask an ad-hoc read.
    const token = await issueDevToken(
      { sub: 'build-test', role: 'BUREAU', analyst: true },
      { privateKey, issuer: ISSUER, audience: AUDIENCE, expiresIn: '10m' },
    );
    const answer = await postGraphQL<{ providers: { totalCount: number } }>(
      `http://127.0.0.1:${gatewayPort}/graphql`,
      token,
      '{ providers(first: 1) { totalCount } }',
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.data?.providers.totalCount).toBeGreaterThan(0);

    // The IDE the build ships (no esbuild in the image to build it): the page and its script.
    const page = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/ide\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html.slice(0, 300)).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${gatewayPort}${script}`)).status).toBe(200);
  }, 240_000);
});

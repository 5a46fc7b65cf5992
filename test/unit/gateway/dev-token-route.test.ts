// The IDE's development principal picker: POST /dev/token signs with the development key, and
// only when the gateway verifies with that key outside production; the IDE page names the route
// only then, so production keeps the token field alone.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/src/config';
import { DEV_TOKEN_PATH, developmentTokenSigner, devTokenRoute } from '../../../gateway/src/dev-token-route';
import { ideSourceStamp, STAMP_FILE } from '../../../gateway/ide/stamp';
import { createIdeHandler } from '../../../gateway/src/ide';
import { loadOrCreateDevKeys } from '../../../subgraphs/kit/dev-keys';

const SECRET = 'unit-test-internal-secret-0123456789abcdef';
const PROVIDER_ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';

describe('developmentTokenSigner', () => {
  it('signs with the development key the gateway verifies with, under its issuer and audience', async () => {
    const devKeysDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-route-'));
    const config = await readGatewayConfig({ INTERNAL_TOKEN_SECRET: SECRET, JWT_ISSUER: 'iss-x', JWT_AUDIENCE: 'aud-x' }, { devKeysDir });
    const sign = developmentTokenSigner(config)!;
    const token = await sign({ role: 'PROVIDER', provider: PROVIDER_ID });
    const { payload } = await jwtVerify(token, (await loadOrCreateDevKeys(devKeysDir)).jwtPublicJwk, {
      issuer: 'iss-x',
      audience: 'aud-x',
    });
    expect(payload).toMatchObject({ role: 'PROVIDER', provider: PROVIDER_ID });
  });

  it('is absent in production and wherever tokens are verified with a real key', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const pem = await exportSPKI(publicKey);
    const devKeysDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-route-'));
    const realKey = await readGatewayConfig({ INTERNAL_TOKEN_SECRET: SECRET, JWT_PUBLIC_KEY: pem }, { devKeysDir });
    expect(developmentTokenSigner(realKey)).toBeUndefined();
    const production = await readGatewayConfig({
      NODE_ENV: 'production',
      INTERNAL_TOKEN_SECRET: SECRET,
      JWT_PUBLIC_KEY: pem,
      JWT_ISSUER: 'i',
      JWT_AUDIENCE: 'a',
    });
    expect(developmentTokenSigner(production)).toBeUndefined();
    // Even if a configuration said dev-jwk, production turns the signer off.
    expect(
      developmentTokenSigner({ ...production, jwt: { ...production.jwt, key: { kind: 'dev-jwk', jwk: {}, keysDir: devKeysDir } } }),
    ).toBeUndefined();
  });
});

describe('POST /dev/token', () => {
  let server: Server;
  let origin: string;
  const signed: unknown[] = [];

  beforeAll(async () => {
    const devKeysDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-route-'));
    const sign = developmentTokenSigner(await readGatewayConfig({ INTERNAL_TOKEN_SECRET: SECRET }, { devKeysDir }))!;
    const route = devTokenRoute(async (claims) => {
      signed.push(claims);
      return sign(claims);
    });
    server = createServer((req, res) => {
      void Promise.resolve(route(req, res)).then((handled) => handled || res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${origin}${DEV_TOKEN_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers a token for a role and its scope', async () => {
    const response = await post(JSON.stringify({ role: 'COUNTY_AUTHORITY', region: '371602' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(((await response.json()) as { token: string }).token.split('.')).toHaveLength(3);
    expect(signed.at(-1)).toEqual({ role: 'COUNTY_AUTHORITY', region: '371602' });
  });

  it('refuses claims the gateway would refuse, with the reason', async () => {
    const response = await post(JSON.stringify({ role: 'USER_UNIT', region: '371602' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/--unit/);
  });

  it('refuses anything but a JSON object of string claims, and other methods', async () => {
    expect((await post('{"role":"BUREAU","sub":"someone-else"}')).status).toBe(400);
    expect((await post('{"role":["BUREAU"]}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'BUREAU' }), 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ role: 'BUREAU', region: 'x'.repeat(5000) }))).status).toBe(400);
    expect((await fetch(`${origin}${DEV_TOKEN_PATH}`)).status).toBe(405);
    expect((await fetch(`${origin}/graphql`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the IDE page names the picker route only when there is one', () => {
  const distDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-ide-'));
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'index.html'), '<head>\n    <meta name="govcloud-graphql-path" content="/graphql" />\n</head>');
  // Stamped as a build of the current sources, so the handler serves it instead of building.
  beforeAll(async () => writeFileSync(path.join(distDir, STAMP_FILE), `${await ideSourceStamp()}\n`));

  async function page(devTokenPath: string | undefined): Promise<string> {
    const handler = createIdeHandler({ distDir, devTokenPath });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await (await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } })).text();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('development: the token path is in a meta tag', async () => {
    expect(await page(DEV_TOKEN_PATH)).toContain('<meta name="govcloud-dev-token-path" content="/dev/token" />');
  });

  it('production: no meta tag, so the IDE shows the token field only', async () => {
    expect(await page(undefined)).not.toContain('govcloud-dev-token-path');
  });
});

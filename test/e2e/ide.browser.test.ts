// End-to-end check of the self-hosted GraphQL IDE: real Chromium, a real HTTP
// server using the gateway's IDE handler, and a fake GraphQL endpoint. The
// point is that an analyst's browser never has to reach another host.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { buildSchema, graphql, parse } from 'graphql';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exampleTabs } from '../../gateway/ide/src/examples';
import { createIdeHandler, ensureIdeBuilt, IDE_CONTENT_SECURITY_POLICY } from '../../gateway/src/ide';
import { CHROMIUM_PATH, cjkFontFamilies, launchChromium, testResultPath } from '../setup/chromium';

const TIMEOUT = 60_000;

const schema = buildSchema('type Query { hello: String }');
const rootValue = { hello: () => 'GovCloud' };

interface GraphqlCall {
  authorization: string | undefined;
  query: string;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// `npm test` installs Debian's Chromium first when it is missing (scripts/ensure-chromium.sh);
// elsewhere set CHROMIUM_PATH. A missing browser fails here rather than skipping the check.
describe('GraphQL IDE in Chromium', () => {
  it('has a Chromium to drive', () => {
    expect(existsSync(CHROMIUM_PATH), `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`).toBe(true);
  });

  it('has a CJK font for the Chinese controls (npm test installs fonts-wqy-microhei when there is none)', () => {
    expect(cjkFontFamilies(), 'no CJK font: apt-get install fontconfig fonts-wqy-microhei').not.toEqual([]);
  });

  let tmpDir: string;
  let distDir: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser | undefined;
  const graphqlCalls: GraphqlCall[] = [];

  beforeAll(async () => {
    // A private dist dir, so the test neither depends on nor clobbers gateway/ide/dist.
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'govcloud-ide-'));
    distDir = path.join(tmpDir, 'dist');
    // Two concurrent callers must share one build.
    const [first, second] = await Promise.all([ensureIdeBuilt(distDir), ensureIdeBuilt(distDir)]);
    expect(first).toBe(distDir);
    expect(second).toBe(distDir);

    const ide = createIdeHandler({ distDir });
    server = http.createServer((req, res) => {
      void (async () => {
        if (await ide(req, res)) return;
        const { pathname } = new URL(req.url ?? '/', 'http://localhost');
        if (req.method === 'POST' && pathname === '/graphql') {
          const params = JSON.parse(await readBody(req)) as {
            query: string;
            variables?: Record<string, unknown> | null;
            operationName?: string | null;
          };
          graphqlCalls.push({ authorization: req.headers.authorization, query: params.query });
          const result = await graphql({
            schema,
            rootValue,
            source: params.query,
            variableValues: params.variables,
            operationName: params.operationName,
          });
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(result));
          return;
        }
        res.writeHead(404).end();
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
  });

  it('ships example operations that are valid GraphQL syntax', () => {
    // Field names are not checked (the supergraph is still growing), syntax is.
    for (const tab of exampleTabs) expect(() => parse(tab.query ?? '')).not.toThrow();
  });

  it('serves the page with a strict CSP and only local asset references', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(IDE_CONTENT_SECURITY_POLICY);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) expect(asset).toMatch(/^(\/ide\/|data:)/);

    const script = assets.find((asset) => asset.endsWith('.js'));
    const js = await fetch(`${origin}${script}`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');

    // API clients (no text/html) fall through to GraphQL; here that is our 404.
    const api = await fetch(`${origin}/graphql`, { headers: { Accept: 'application/json' } });
    expect(api.status).toBe(404);

    for (const probe of ['/ide/..%2f..%2fpackage.json', '/ide/%2e%2e/%2e%2e/package.json', '/ide/..%5cindex.html']) {
      expect((await fetch(`${origin}${probe}`)).status, probe).toBe(404);
    }

    // No stylesheet, font or script may be pulled from another host.
    for (const file of await readdir(distDir, { recursive: true })) {
      if (!/\.(html|css)$/.test(file)) continue;
      const text = await readFile(path.join(distDir, file), 'utf8');
      expect(text, file).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
      expect(text, file).not.toMatch(/@import/i);
      expect(text, file).not.toMatch(/(src|href)="(https?:)?\/\//i);
    }
  });

  it(
    'runs a query in Chromium without any request leaving 127.0.0.1',
    async () => {
      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);

      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // CSP violations are reported as DOM events; collect them from the start.
      await page.addInitScript(() => {
        const violations: string[] = [];
        (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
        document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
      });

      await page.goto(`${origin}/graphql?query=${encodeURIComponent('{ hello }')}`);
      await page.getByText('GovCloud Graph · 滨州市统一电子政务云').waitFor();
      await page.getByText('ProvidersOverview').first().waitFor(); // example tab present

      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(
        () => document.querySelector('.graphiql-response')?.textContent?.includes('GovCloud') ?? false,
        undefined,
        { timeout: TIMEOUT },
      );
      expect(await page.locator('.graphiql-response').textContent()).toContain('"hello": "GovCloud"');

      // Docs explorer is fed by introspection through the same local fetcher; its controls are Chinese.
      await page.getByRole('button', { name: '显示文档' }).click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
      await page.locator('.graphiql-doc-explorer-section-title').getByText('根类型').waitFor();
      for (const name of [
        '执行查询 (Ctrl-Enter)',
        '重新获取 GraphQL 模式 (schema)',
        '快捷键',
        '设置',
        '新建标签页',
        '格式化查询 (Shift-Ctrl-P)',
      ]) {
        await page.getByRole('button', { name, exact: true }).first().waitFor();
      }
      await page.getByRole('button', { name: '隐藏文档' }).waitFor();

      // A new tab opens the Chinese starting document, not "Welcome to GraphiQL".
      await page.getByRole('button', { name: '新建标签页' }).click();
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('新查询') ?? false);
      expect(await page.locator('.graphiql-query-editor').textContent()).not.toContain('Welcome');
      await page.locator('.graphiql-tab-button').first().click();

      // No development picker here: a page without the gateway's token path shows the token field only.
      expect(await page.locator('.govcloud-picker').count()).toBe(0);

      // The token field turns into an Authorization header (after its debounce,
      // the new fetcher re-introspects, so poll the fake server).
      await page.locator('input[type="password"]').fill('test-token');
      await expect.poll(() => graphqlCalls.some((call) => call.authorization === 'Bearer test-token'), { timeout: TIMEOUT }).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('govcloud.token'))).toBe('test-token');

      await page.screenshot({ path: testResultPath('ide-offline.png') });

      // History is the other built-in plugin; the query we ran must be listed.
      await page.getByRole('button', { name: '显示历史记录' }).click();
      await page.locator('.graphiql-history-item').first().waitFor();

      expect(graphqlCalls.some((call) => call.query.includes('__schema'))).toBe(true);
      expect(graphqlCalls.some((call) => call.query.includes('hello') && !call.query.includes('__schema'))).toBe(true);
      expect(pageErrors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);

      // The core guarantee: every request the page made went to our server.
      expect(requested.length).toBeGreaterThan(3);
      const foreign = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
      expect(foreign).toEqual([]);
    },
    TIMEOUT * 2,
  );
});

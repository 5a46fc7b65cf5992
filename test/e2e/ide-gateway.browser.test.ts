// The IDE as an analyst meets it: the real gateway over the four seeded subgraphs, a token pasted
// into the IDE or filled by the development principal picker, an example run in Chromium, its
// result exported as CSV and JSON, and not one request leaving the gateway's origin.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionByCode } from '../../subgraphs/kit/regions';
import { cjkFontFamilies, launchChromium, testResultPath } from '../setup/chromium';
import { startStack, type Stack } from '../setup/stack';

/** The response editor's text, parsed. */
async function responseOf(page: Page): Promise<unknown> {
  return JSON.parse(
    (await page
      .locator('.graphiql-response .CodeMirror')
      .evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())) as string,
  );
}

/** Clicks an export button and returns the downloaded file's name and text. */
async function exported(page: Page, format: 'json' | 'csv'): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-format="${format}"]`).click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

const QUERY =
  '{ providers(first: 10, status: DESIGNATED) { edges { node { name securityProfile { platformMlpsLevel } latestEvaluation { grade } } } } }';

describe('the IDE served by the gateway', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ seed: true, ideDevTokens: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs a query spanning the subgraphs with the saved token, all on localhost', async () => {
    const origin = new URL(stack.gatewayUrl).origin;
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    // The IDE keeps the token in localStorage (typing it is covered by ide.browser.test.ts).
    await page.addInitScript((token) => localStorage.setItem('govcloud.token', token), await stack.token({ role: 'BUREAU' }));
    await page.goto(`${stack.gatewayUrl}?query=${encodeURIComponent(QUERY)}`);
    await page.locator('.graphiql-execute-button').click();

    const designated = stack.world.providers.filter((provider) => provider.status === 'DESIGNATED');
    await page.waitForFunction(
      (name) => document.querySelector('.graphiql-response')?.textContent?.includes(name) ?? false,
      designated[0]!.name,
      { timeout: 60_000 },
    );
    const response = JSON.parse(
      (await page
        .locator('.graphiql-response .CodeMirror')
        .evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())) as string,
    ) as {
      data: { providers: { edges: Array<{ node: { name: string; securityProfile: unknown; latestEvaluation: unknown } }> } };
    };
    const nodes = response.data.providers.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.name).sort()).toEqual(designated.map((provider) => provider.name).sort());
    expect(nodes.every((node) => node.securityProfile && node.latestEvaluation)).toBe(true);

    const foreign = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
  });

  it("fills a unit's token from the development picker, runs an example and exports it as CSV and JSON, all on localhost", async () => {
    const origin = new URL(stack.gatewayUrl).origin;
    const page = await browser.newPage({ acceptDownloads: true });
    page.setDefaultTimeout(60_000);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // The unit with the most systems, chosen from the directory the picker reads through the gateway.
    const systemsOf = (unitId: string) => stack.world.systems.filter((system) => system.unitId === unitId);
    const unit = [...stack.world.units].sort((a, b) => systemsOf(b.id).length - systemsOf(a.id).length)[0]!;
    await page.goto(stack.gatewayUrl);
    await page.getByLabel('角色').selectOption('USER_UNIT');
    await page.getByLabel('范围').selectOption({ label: `${unit.code} ${unit.name}（${regionByCode(unit.regionCode)!.name}）` });
    // A new token means a new fetcher, which introspects again with it; run the example after that.
    const introspected = page.waitForRequest(
      (request) =>
        request.url().startsWith(origin) &&
        (request.postData() ?? '').includes('__schema') &&
        /^Bearer ./.test(request.headers().authorization ?? ''),
    );
    await page.getByRole('button', { name: '填入令牌' }).click();
    await page.getByText(`已填入 使用单位 · ${unit.code}`).waitFor();
    await introspected;
    const token = (await page.evaluate(() => localStorage.getItem('govcloud.token')))!;
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
      role: 'USER_UNIT',
      unit: unit.id,
      region: unit.regionCode,
    });

    // The saved example "本单位信息系统" (OurSystems) with the unit's token.
    await page.locator('.graphiql-tab-button', { hasText: 'OurSystems' }).click();
    await page.locator('.graphiql-tab-active', { hasText: 'OurSystems' }).waitFor();
    // GraphiQL reads the operation's name from the editor 100 ms after its text changes (a debounce in
    // @graphiql/react's query editor); a click sooner runs the new text under the old tab's name.
    await page.waitForTimeout(400);
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => /"(systems|errors)"/.test(document.querySelector('.graphiql-response')?.textContent ?? ''));
    const response = (await responseOf(page)) as { data: { systems: { edges: Array<{ node: { code: string; name: string } }> } } };
    expect(response, JSON.stringify(response).slice(0, 500)).toHaveProperty('data.systems.edges');
    const codes = response.data.systems.edges.map((edge) => edge.node.code);
    expect(codes.length).toBeGreaterThan(1);
    expect(codes.every((code) => systemsOf(unit.id).some((system) => system.code === code))).toBe(true);

    const csv = await exported(page, 'csv');
    expect(csv.name).toMatch(/^govcloud-systems-\d{8}-\d{4}\.csv$/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('code,name,deploymentMode,owner.name,owner.region.name,hostingProvider.name');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(codes);
    expect(lines[1]).toContain(unit.name);

    // The loaded IDE with its Chinese controls, the docs explorer open and the example's result,
    // kept for people to look at (test-results/ is git-ignored).
    expect(cjkFontFamilies(), 'no CJK font: apt-get install fontconfig fonts-wqy-microhei').not.toEqual([]);
    await page.getByRole('button', { name: '显示文档' }).click();
    await page.locator('.graphiql-doc-explorer-section-title').getByText('根类型').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    const screenshot = testResultPath('ide.png');
    await page.screenshot({ path: screenshot });
    console.log(`IDE screenshot: ${screenshot}`);

    const json = await exported(page, 'json');
    expect(json.name).toMatch(/^govcloud-systems-\d{8}-\d{4}\.json$/);
    expect(JSON.parse(json.text)).toEqual(response);

    expect(pageErrors).toEqual([]);
    const foreign = requested.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
  });
});

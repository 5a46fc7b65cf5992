// The IDE as an analyst meets it: the real gateway over the four seeded subgraphs, a token pasted
// into the IDE, a query run in Chromium, and not one request leaving the gateway's origin.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../setup/chromium';
import { startStack, type Stack } from '../setup/stack';

const QUERY =
  '{ providers(first: 10, status: DESIGNATED) { edges { node { name securityProfile { platformMlpsLevel } latestEvaluation { grade } } } } }';

describe('the IDE served by the gateway', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ seed: true });
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
});

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`npm test` installs it when missing); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests keep what a person looks at afterwards (git-ignored). */
export const TEST_RESULTS_DIR = path.resolve('test-results');

/**
 * The CJK font families fontconfig offers Chromium (`npm test` installs fonts-wqy-microhei when
 * there is none, scripts/ensure-chromium.sh). Without one the IDE's Chinese renders as boxes.
 */
export function cjkFontFamilies(): string[] {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The path for a test artifact under test-results/, its folder created. */
export function testResultPath(name: string): string {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  return path.join(TEST_RESULTS_DIR, name);
}

/**
 * Headless Chromium as root on a closed network: no sandbox, and none of the background
 * connections Chromium would otherwise try (and be refused) at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// The production image, read statically (no Docker engine here or in CI; the compiled build it
// runs is started for real in test/e2e/compiled-build.e2e.test.ts): built in stages, compiled
// JavaScript and production dependencies only, a non-root user, a HEALTHCHECK on the process's
// readiness route, one image whose command picks the process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessUrl, servedProcessOf } from '../../../scripts/healthcheck';

const root = path.resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\s*\\\n\s*/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = instructions.reduce<string[][]>(
  (all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)!.push(line), all)),
  [],
);
const final = stages.at(-1)!;

describe('the production image', () => {
  it('builds in stages: the build compiles with npm run build, the final stage copies dist/ and production node_modules only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions).toContain('RUN npm run build');
    expect(instructions.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(final.filter((line) => line.startsWith('RUN '))).toEqual([]);
    const copies = final.filter((line) => line.startsWith('COPY '));
    expect(copies.every((line) => line.includes('--from='))).toBe(true);
    expect(copies.map((line) => line.split(' ').at(-2))).toEqual(expect.arrayContaining(['/app/dist', '/app/node_modules']));
    expect(final.join('\n')).not.toMatch(/tsx|--include=dev/);
  });

  it('runs as a non-root user, with a HEALTHCHECK and node on the compiled gateway by default', () => {
    const user = final.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(final.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "dist\/healthcheck\.js"\]/);
    expect(final.find((line) => line.startsWith('CMD '))).toBe('CMD ["node", "dist/gateway.js"]');
    expect(final).toContain('ENV NODE_ENV=production HOST=0.0.0.0');
    // The bundles map their stack traces lazily (scripts/build.ts); the flag would read every package's map at start.
    expect(final.join('\n')).not.toContain('--enable-source-maps');
  });

  it('sends the build no local state: node_modules, .data, dist and .git stay out of the context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.git', 'dist']));
  });

  it("the HEALTHCHECK finds the process from PID 1's command line and asks its readiness route", () => {
    expect(servedProcessOf(['node', 'dist/gateway.js'])).toBe('gateway');
    expect(servedProcessOf(['/sbin/docker-init', '--', 'node', '/app/dist/supervision.js'])).toBe('supervision');
    expect(servedProcessOf(['node', 'dist/migrate.js'])).toBeUndefined();
    expect(readinessUrl('gateway', { HOST: '0.0.0.0' })).toBe('http://127.0.0.1:4000/ready');
    expect(readinessUrl('applications', { APPLICATIONS_PORT: '5002' })).toBe('http://127.0.0.1:5002/ready');
  });
});

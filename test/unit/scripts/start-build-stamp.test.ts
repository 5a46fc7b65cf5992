// npm start builds the services' bundles again only when their sources changed
// (scripts/start-build-dir.js): the stamp follows every source file's path and content, and nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSourceStamp } from '../../../scripts/start-build';

const root = mkdtempSync(path.join(tmpdir(), 'start-build-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe('startSourceStamp', () => {
  it('changes with a source file, a new one or the lock file, and ignores node_modules, dist and other folders', async () => {
    write('subgraphs/kit/a.ts', 'export const a = 1;');
    write('package-lock.json', '{}');
    const first = await startSourceStamp(root);
    expect(await startSourceStamp(root)).toBe(first);

    write('subgraphs/node_modules/x/index.js', 'ignored');
    write('gateway/ide/dist/app.js', 'built');
    write('dist/gateway.js', 'built');
    write('docs/notes.md', 'not a source');
    write('.data/start-build/x/README.txt', 'a build');
    expect(await startSourceStamp(root)).toBe(first);

    write('subgraphs/kit/a.ts', 'export const a = 2;');
    const changed = await startSourceStamp(root);
    expect(changed).not.toBe(first);
    write('subgraphs/kit/a.ts', 'export const a = 1;');
    expect(await startSourceStamp(root)).toBe(first);

    write('schema/supergraph.graphql', 'type Query { a: Int }');
    const added = await startSourceStamp(root);
    expect(added).not.toBe(first);
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(await startSourceStamp(root)).not.toBe(added);
  });
});

// The README is read from a fresh clone: every file it links or names as a document is in the
// repository, and it points to no document outside it (the domain document is docs/domain.md).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(new URL('../..', import.meta.url).pathname);
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README.md', () => {
  it('links only files that are in the repository', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(path.join(root, target)))).toEqual([]);
  });

  it('names no document outside the repository, and points to docs/domain.md', () => {
    expect(readme).not.toMatch(/(^|[^/\w])DOMAIN\.md/);
    expect(readme).not.toMatch(/\/work\/|shared\//);
    expect(readme).toContain('[docs/domain.md](docs/domain.md)');
  });
});

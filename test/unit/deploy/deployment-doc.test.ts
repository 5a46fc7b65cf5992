// docs/deployment.md, linked from the README, covers what an operations team needs, and says of
// the code only what is true: the claims and roles it lists are the ones the gateway reads, and
// its admission — one internal secret at a time — and its account of DATABASE_READ_URL fail
// here the day the code changes, so the guide is updated with it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../subgraphs/kit/principal';

const root = path.resolve(import.meta.dirname, '../../..');
const doc = readFileSync(path.join(root, 'docs/deployment.md'), 'utf8');
const headings = [...doc.matchAll(/^## (.+)$/gm)].map((match) => match[1]);

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('generated'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}
const code = [...sources('subgraphs'), ...sources('gateway/src'), ...sources('scripts')];
/** The doc's text with its line breaks and emphasis taken out, to find a sentence wherever Prettier wrapped it. */
const prose = doc.replace(/\*\*/g, '').replace(/\s+/g, ' ');

describe('docs/deployment.md', () => {
  it('is linked from the README', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('[docs/deployment.md](docs/deployment.md)');
  });

  it('covers sizing, replicas, the effects workers, pooling, backups and restore, rotation and the identity provider', () => {
    expect(headings).toEqual(
      expect.arrayContaining([
        'Sizing and replicas',
        'Effects workers run in every replica',
        'Connection pooling',
        'Backups and restore',
        'Rotating INTERNAL_TOKEN_SECRET',
        'Connecting a real identity provider',
      ]),
    );
    for (const term of ['PgBouncer', 'Pooler', 'barmanObjectStore', 'recoveryTarget', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'])
      expect(doc).toContain(term);
  });

  it('lists every role and every claim the gateway reads from a token', () => {
    const claims = readFileSync(path.join(root, 'subgraphs/kit/internal-token.ts'), 'utf8');
    for (const claim of ['sub', 'role', 'region', 'unit', 'provider', 'analyst']) {
      expect(claims).toMatch(new RegExp(`claims\\.${claim}\\b`));
      expect(doc).toContain(`| \`${claim}\``);
    }
    for (const role of ROLES) expect(doc).toContain(`\`${role}\``);
  });

  it('says the code accepts one internal secret at a time, while it does', () => {
    const readsAnother = code.some((text) => /INTERNAL_TOKEN_SECRET_[A-Z]+/.test(text));
    expect(readsAnother).toBe(false);
    expect(prose).toContain('The code accepts one secret at a time');
  });

  it("says the code reads DATABASE_READ_URL for analysts' queries, while it does", () => {
    expect(code.some((text) => text.includes("readPostgresUrl(env, 'DATABASE_READ_URL')"))).toBe(true);
    expect(prose).toContain('The code reads `DATABASE_READ_URL`');
    expect(prose).not.toContain('does not read `DATABASE_READ_URL`');
  });
});

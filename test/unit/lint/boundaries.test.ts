// The boundaries of README's Architecture, as the lint enforces them (eslint.boundaries.js): a
// subgraph imports kit/, contracts/, seed/world/ and itself, never another subgraph; the gateway
// imports kit/ and contracts/ only; contracts/ imports kit/ only; kit/ imports nothing of ours.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The boundary errors of `source` as if it were the file at `path` (relative to the root). */
async function crossings(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${path}` });
  return result.messages.filter((message) => message.ruleId === 'boundaries/imports').map((message) => message.message);
}

const use = (specifier: string) => `import * as module from '${specifier}';\nexport const used = module;\n`;

describe('lint: import boundaries', () => {
  it('refuses a subgraph importing another subgraph, by any form of import', async () => {
    const file = 'subgraphs/applications/services/example.service.ts';
    expect(await crossings(file, use('../../providers/rules/agreement-terms'))).toEqual([
      expect.stringContaining('subgraphs/applications may not import ../../providers/rules/agreement-terms (subgraphs/providers)'),
    ]);
    // The leak this rule was written for: the catalog cap check taken from providers' folder.
    expect(
      await crossings(
        file,
        "import { assertWithinCap } from '../../providers/rules/catalog-cap';\nexport const check = assertWithinCap;\n",
      ),
    ).toHaveLength(1);
    expect(await crossings(file, "export { x } from '../../security/rules/mlps';\n")).toHaveLength(1);
    expect(await crossings(file, "export type { X } from '../../supervision/entities/x';\n")).toHaveLength(1);
    expect(await crossings(file, "export const later = () => import('../../security/seed');\n")).toHaveLength(1);
    expect(await crossings(file, "import type { World } from '../../security/seed';\nexport type W = World;\n")).toHaveLength(1);
    // The composition root of the four subgraphs is not a subgraph's to import.
    expect(await crossings(file, use('../../modules'))).toHaveLength(1);
  });

  it('lets a subgraph import itself, kit/, contracts/, seed/world/ and packages', async () => {
    const file = 'subgraphs/applications/services/example.service.ts';
    for (const specifier of [
      './operation.service',
      '../entities/application.entity',
      '../../kit/errors',
      '../../contracts/catalog-cap',
      '../../../seed/world',
      'typeorm',
    ]) {
      expect(await crossings(file, use(specifier)), specifier).toEqual([]);
    }
  });

  it('refuses the gateway importing a subgraph or seed, and lets it import kit/ and contracts/', async () => {
    const file = 'gateway/src/example.ts';
    expect(await crossings(file, use('../../subgraphs/applications/materials/store'))).toEqual([
      expect.stringContaining('gateway may not import ../../subgraphs/applications/materials/store (subgraphs/applications)'),
    ]);
    expect(await crossings(file, use('../../seed/world'))).toHaveLength(1);
    expect(await crossings(file, use('../../subgraphs/kit/principal'))).toEqual([]);
    expect(await crossings(file, use('../../subgraphs/contracts/system-facts'))).toEqual([]);
    expect(await crossings(file, use('./directory'))).toEqual([]);
  });

  it('keeps kit/ below contracts/ and contracts/ on kit/ alone', async () => {
    expect(await crossings('subgraphs/kit/example.ts', use('../contracts/system-facts'))).toHaveLength(1);
    expect(await crossings('subgraphs/kit/example.ts', use('../applications/data-source'))).toHaveLength(1);
    expect(await crossings('subgraphs/kit/example.ts', use('../../seed/world/types'))).toHaveLength(1);
    expect(await crossings('subgraphs/kit/example.ts', use('./errors'))).toEqual([]);
    expect(await crossings('subgraphs/contracts/example.ts', use('../kit/jobs'))).toEqual([]);
    expect(await crossings('subgraphs/contracts/example.ts', use('./system-facts'))).toEqual([]);
    expect(await crossings('subgraphs/contracts/example.ts', use('../providers/rules/agreement-terms'))).toHaveLength(1);
    expect(await crossings('subgraphs/contracts/example.ts', use('../../seed/world'))).toHaveLength(1);
  });

  it('keeps seed/world/ off the subgraphs', async () => {
    expect(await crossings('seed/world/example.ts', use('../../subgraphs/security/seed'))).toHaveLength(1);
    expect(await crossings('seed/world/example.ts', use('../../subgraphs/kit/stable-id'))).toEqual([]);
  });
});

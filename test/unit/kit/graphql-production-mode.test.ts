// Every process runs graphql-js without its development-mode check for a second copy of graphql
// (subgraphs/kit/graphql-production-mode.ts): loaded before graphql, the module makes graphql-js
// read NODE_ENV as production once, then leaves NODE_ENV as it was. The check it drops could only
// ever find a second copy, and node_modules holds one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * In a fresh process (this worker's module cache holds whatever earlier test files loaded): asks
 * graphql whether an object that only calls itself a GraphQLObjectType is one. In development mode
 * graphql-js throws, taking it for a type from a second copy of graphql; in production it says no.
 */
function askGraphql(preload: boolean, nodeEnv: string | undefined): { answer: string; nodeEnv: string | null } {
  const script = `
    ${preload ? "await import('./subgraphs/kit/graphql-production-mode.ts');" : ''}
    const { isObjectType } = await import('graphql');
    let answer;
    try { answer = String(isObjectType({ [Symbol.toStringTag]: 'GraphQLObjectType' })); }
    catch (error) { answer = error.message.split('\\n')[0]; }
    console.log(JSON.stringify({ answer, nodeEnv: process.env.NODE_ENV ?? null }));`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  if (nodeEnv === undefined) delete env.NODE_ENV;
  else env.NODE_ENV = nodeEnv;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as { answer: string; nodeEnv: string | null };
}

/** Every installed package named graphql, wherever npm put it. */
function installedGraphqlCopies(dir: string): string[] {
  const copies: string[] = [];
  const visit = (modules: string) => {
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const packages = entry.name.startsWith('@')
        ? readdirSync(path.join(modules, entry.name)).map((name) => path.join(modules, entry.name, name))
        : [path.join(modules, entry.name)];
      for (const packageDir of packages) {
        const manifest = path.join(packageDir, 'package.json');
        if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'graphql')
          copies.push(packageDir);
        const nested = path.join(packageDir, 'node_modules');
        if (existsSync(nested)) visit(nested);
      }
    }
  };
  visit(path.join(dir, 'node_modules'));
  return copies;
}

describe('graphql-production-mode', () => {
  it('without it, graphql-js outside production takes a look-alike type for a second copy of graphql (the check it drops)', () => {
    expect(askGraphql(false, undefined).answer).toMatch(/from another module or realm/);
  });

  it('loaded first, graphql-js runs as in production, and NODE_ENV stays unset', () => {
    expect(askGraphql(true, undefined)).toEqual({ answer: 'false', nodeEnv: null });
  });

  it('leaves a NODE_ENV that was set as it was', () => {
    expect(askGraphql(true, 'development')).toEqual({ answer: 'false', nodeEnv: 'development' });
  });

  it('drops a check that has nothing to find: node_modules holds one copy of graphql', () => {
    expect(installedGraphqlCopies(root).map((dir) => path.relative(root, dir))).toEqual([path.join('node_modules', 'graphql')]);
  });
});

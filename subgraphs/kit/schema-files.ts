import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

export const SUBGRAPH_NAMES = ['providers', 'applications', 'security', 'supervision'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const subgraphsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A subgraph's SDL: its own schema.graphql followed by the kit's shared types. */
export function subgraphSdl(name: SubgraphName): string {
  const own = readFileSync(path.join(subgraphsDir, name, 'schema.graphql'), 'utf8');
  const shared = readFileSync(path.join(subgraphsDir, 'kit', 'shared.graphql'), 'utf8');
  return `${own}\n${shared}`;
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

export const SUBGRAPH_NAMES = ['providers', 'applications', 'security', 'supervision'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const subgraphsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A subgraph's SDL: its schema.graphql (the @link, Query, Mutation and core types), then each
 * feature's `<feature>.graphql` beside it in name order (which may `extend type Query`), then the
 * kit's shared types and the subgraph's part of the audit trail.
 */
export function subgraphSdl(name: SubgraphName): string {
  const dir = path.join(subgraphsDir, name);
  const features = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql') && file !== 'schema.graphql')
    .sort();
  const files = [
    path.join(dir, 'schema.graphql'),
    ...features.map((file) => path.join(dir, file)),
    path.join(subgraphsDir, 'kit', 'shared.graphql'),
  ];
  // The audit trail's field on AuditTrail is named after the subgraph (kit/audit-trail.graphql).
  const auditTrail = readFileSync(path.join(subgraphsDir, 'kit', 'audit-trail.graphql'), 'utf8').replaceAll('SUBGRAPH_NAME', name);
  return [...files.map((file) => readFileSync(file, 'utf8')), auditTrail].join('\n');
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}

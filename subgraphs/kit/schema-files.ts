import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

export const SUBGRAPH_NAMES = ['providers', 'applications', 'security', 'supervision'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const subgraphsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folders that hold no SDL of the subgraph's own. */
const SKIPPED_FOLDERS = new Set(['generated', 'migrations', 'node_modules']);

/**
 * A subgraph's SDL: its root `schema.graphql` (the @link, Query, Mutation and core types), then
 * every other `.graphql` file below the subgraph's folder — each feature folder's `schema.graphql`
 * (which may `extend type Query`) — in path order, then the kit's shared types and the
 * subgraph's part of the audit trail.
 */
export function subgraphSdl(name: SubgraphName): string {
  const dir = path.join(subgraphsDir, name);
  const root = path.join(dir, 'schema.graphql');
  const files = [root, ...graphqlFilesBelow(dir).filter((file) => file !== root), path.join(subgraphsDir, 'kit', 'shared.graphql')];
  // The audit trail's field on AuditTrail is named after the subgraph (kit/audit-trail.graphql).
  const auditTrail = readFileSync(path.join(subgraphsDir, 'kit', 'audit-trail.graphql'), 'utf8').replaceAll('SUBGRAPH_NAME', name);
  return [...files.map((file) => readFileSync(file, 'utf8')), auditTrail].join('\n');
}

/** Every `.graphql` file below `dir`, sorted by its path relative to `dir` (stable on every machine). */
export function graphqlFilesBelow(dir: string): string[] {
  const found = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !path
          .relative(dir, file)
          .split(path.sep)
          .some((part) => SKIPPED_FOLDERS.has(part)),
    );
  return found.sort((a, b) => (path.relative(dir, a) < path.relative(dir, b) ? -1 : 1));
}

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(subgraphSdl(name));
}

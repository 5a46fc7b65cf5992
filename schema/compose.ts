import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS } from '../subgraphs/kit/config';
import { SUBGRAPH_NAMES, subgraphSdl, type SubgraphName } from '../subgraphs/kit/schema-files';

// Federation builds its graphql-js schema with the CommonJS copy of graphql; under vitest an
// `import` would give this file the ESM copy, which refuses that copy's schema objects.
const { lexicographicSortSchema, printSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const schemaDir = path.dirname(fileURLToPath(import.meta.url));
export const SUPERGRAPH_PATH = path.join(schemaDir, 'supergraph.graphql');
/** The published contract: the schema clients see, without federation internals (see schema/CHANGELOG.md). */
export const API_SCHEMA_PATH = path.join(schemaDir, 'api.graphql');

export interface ComposedSchemas {
  /** What the gateway serves: the subgraphs, their URLs and the join__/link__ wiring. */
  supergraph: string;
  /** The client-facing API schema: types and fields sorted by name, every description kept. */
  api: string;
}

/**
 * Composes the four subgraphs' SDL into the supergraph the gateway serves and prints its API
 * schema. The URLs written into the supergraph are the local defaults; the gateway overrides them
 * from its configuration. `sdlOf` replaces a subgraph's SDL (tests change one and compose).
 */
export function composeSchemas(sdlOf: (name: SubgraphName) => string = subgraphSdl): ComposedSchemas {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
      typeDefs: parse(sdlOf(name)),
    })),
  );
  if (result.errors) {
    throw new Error(`组合失败 (composition failed):\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  const api = printSchema(lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema()));
  return { supergraph: result.supergraphSdl, api: `${api}\n` };
}

export function composeSupergraph(): string {
  return composeSchemas().supergraph;
}

function main(): void {
  const check = process.argv.includes('--check');
  let composed: ComposedSchemas;
  try {
    composed = composeSchemas();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const files = [
    { file: SUPERGRAPH_PATH, text: composed.supergraph },
    { file: API_SCHEMA_PATH, text: composed.api },
  ];
  if (check) {
    const stale = files.filter(({ file, text }) => (existsSync(file) ? readFileSync(file, 'utf8') : '') !== text);
    for (const { file } of stale) {
      const name = path.relative(process.cwd(), file);
      console.error(`${name} 已过期 (is stale): 运行 npm run compose 并提交 (run npm run compose and commit it)`);
    }
    if (stale.length > 0) process.exit(1);
    console.log('schema/supergraph.graphql 与 schema/api.graphql 与子图一致 (are up to date)');
    return;
  }
  for (const { file, text } of files) {
    writeFileSync(file, text);
    console.log(`已写入 (wrote) ${path.relative(process.cwd(), file)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

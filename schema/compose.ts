import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS } from '../subgraphs/kit/config';
import { SUBGRAPH_NAMES, subgraphSdl } from '../subgraphs/kit/schema-files';

export const SUPERGRAPH_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'supergraph.graphql');

/**
 * Composes the four subgraphs' SDL into the supergraph the gateway serves. The URLs written
 * into it are the local defaults; the gateway overrides them from its configuration.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
      typeDefs: parse(subgraphSdl(name)),
    })),
  );
  if (result.errors) {
    throw new Error(`组合失败 (composition failed):\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

function main(): void {
  const check = process.argv.includes('--check');
  let supergraph: string;
  try {
    supergraph = composeSupergraph();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (check) {
    if (committed !== supergraph) {
      console.error('schema/supergraph.graphql 已过期 (is stale): 运行 npm run compose 并提交 (run npm run compose and commit it)');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql 与子图一致 (is up to date)');
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`已写入 (wrote) ${path.relative(process.cwd(), SUPERGRAPH_PATH)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

// The trusted documents: `npm run operations:manifest` writes operations/manifest.json, every
// operation of operations/ (with the fragments it spreads) by its id, the SHA-256 of its printed
// text — the same ids the generated documents carry (`__meta__.hash`). The gateway loads it
// (gateway/src/plugins/trusted-documents.ts). `-- --check` fails when the file is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { generateOperationOutputs } from './codegen';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_PATH = path.join(root, 'operations', 'manifest.json');

/** The manifest's text: id → document, in the operations' path order, formatted as Prettier would. */
export async function manifestText(manifest: Record<string, string>): Promise<string> {
  return format(JSON.stringify(manifest), { parser: 'json' });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let text: string;
  try {
    text = await manifestText((await generateOperationOutputs()).manifest);
  } catch (error) {
    console.error(`operations/ 与接口契约不符 (an operation does not validate against schema/api.graphql):\n${(error as Error).message}`);
    process.exit(1);
  }
  const name = path.relative(process.cwd(), MANIFEST_PATH);
  if (check) {
    if ((existsSync(MANIFEST_PATH) ? readFileSync(MANIFEST_PATH, 'utf8') : '') !== text) {
      console.error(`${name} 已过期 (is stale): 运行 npm run operations:manifest 并提交 (run npm run operations:manifest and commit it)`);
      process.exit(1);
    }
    console.log(`${name} 与 operations/ 一致 (is up to date)`);
    return;
  }
  writeFileSync(MANIFEST_PATH, text);
  console.log(`已写入 (wrote) ${name}: ${Object.keys(JSON.parse(text) as object).length} 个可信文档 (trusted documents)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

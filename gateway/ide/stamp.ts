// What a built IDE was built from: a hash of its sources (gateway/ide/src, the build and label
// files) and of the installed versions of the packages it bundles. The build writes it into the
// dist directory; the gateway rebuilds a dist whose stamp differs (gateway/src/ide.ts), so an IDE
// built before a change — say the labels' translation — is never served after it.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const STAMP_FILE = 'build-stamp.txt';
const BUNDLED_PACKAGES = [
  'graphiql',
  '@graphiql/react',
  '@graphiql/toolkit',
  '@graphiql/plugin-doc-explorer',
  '@graphiql/plugin-history',
  'react',
  'react-dom',
  'esbuild',
];

async function sourceFiles(): Promise<string[]> {
  const own = (await readdir(here)).filter((name) => name.endsWith('.ts')).map((name) => path.join(here, name));
  const src = (await readdir(path.join(here, 'src'), { recursive: true })).map((name) => path.join(here, 'src', name));
  return [...own, ...src].filter((file) => /\.(ts|tsx|css)$/.test(file)).sort();
}

function installedVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** The stamp of the IDE's current sources, or undefined where they are not there (nothing to compare). */
export async function ideSourceStamp(): Promise<string | undefined> {
  let files: string[];
  try {
    files = await sourceFiles();
  } catch {
    return undefined;
  }
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(path.relative(here, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${installedVersion(name)}\0`);
  // Files under a shared folder the IDE imports (kit's roles and regions) change rarely; they are
  // hashed too, so a new role or region reaches the picker.
  for (const shared of ['principal.ts', 'regions.ts']) hash.update(await readFile(path.join(here, '../../subgraphs/kit', shared)));
  return hash.digest('hex');
}

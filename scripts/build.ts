// `npm run build`: the production build the Dockerfile runs. It compiles the TypeScript of every
// process and operational command into JavaScript bundles in dist/ (esbuild; packages stay in
// node_modules, so the image installs production dependencies only) and copies beside them what
// they read at run time, in the repository's layout: the subgraphs' SDL, the supergraph, the
// trusted-document manifest and the built IDE. `node dist/gateway.js` then runs without tsx and
// without the sources. Every bundle and chunk sits at the top of dist/, and each module's
// `import.meta.url` is rewritten to where its source would sit below dist/, so paths a module
// resolves next to itself (`../../schema/supergraph.graphql`) find the copied files.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildIde } from '../gateway/ide/build';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/schema-files';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Output name (dist/<name>.js) → source: the five processes, then the commands run beside them. */
export const BUILD_ENTRIES: Record<string, string> = {
  gateway: 'gateway/src/index.ts',
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `subgraphs/${name}/index.ts`])),
  migrate: 'scripts/migrate.ts',
  seed: 'scripts/seed.ts',
  'db-roles': 'scripts/db-roles.ts',
  'audit-verify': 'scripts/audit-verify.ts',
  'import-monitoring': 'scripts/import-monitoring.ts',
  healthcheck: 'scripts/healthcheck.ts',
};

/** What `npm start` builds (start-build.ts): the same, and the supervisor that runs them (supervisor.ts). */
export const START_BUILD_ENTRIES: Record<string, string> = { ...BUILD_ENTRIES, supervisor: 'scripts/supervisor.ts' };

/**
 * The first lines of every bundle and chunk: stack traces name the TypeScript sources (through the
 * .js.map beside each file), read lazily, for the files of a stack being printed. Node's own
 * --enable-source-maps reads and parses the map of every module as it loads, node_modules' thousands
 * included: about 0.8 s of every `npm start` on a 2-core machine (issue 14). Installing it again in
 * each chunk changes nothing; uncaught errors stay Node's (and the services' loggers') to report.
 */
export const STACK_TRACES_BANNER =
  "import { install as installSourceMapSupport } from 'source-map-support'; installSourceMapSupport({ environment: 'node', handleUncaughtExceptions: false });";

/** Files the bundles read at run time, copied to the same place below dist/. */
const RUNTIME_FILES = ['schema/supergraph.graphql', 'operations/manifest.json'];

const LOADERS: Record<string, esbuild.Loader> = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.jsx': 'jsx' };

/** `import.meta.url` of each project module → the URL its source would have below dist/. */
const relocateImportMeta: esbuild.Plugin = {
  name: 'relocate-import-meta',
  setup(build) {
    // start-build-dir.js too: the project's few plain-JavaScript modules resolve paths the same way.
    build.onLoad({ filter: /\.[jt]sx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const relative = path.relative(root, args.path).split(path.sep).join('/');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(`./${relative}`)}, import.meta.url).href`);
      const loader = LOADERS[path.extname(args.path)] ?? 'ts';
      return { contents, loader, resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * A package file imported by its path (`@apollo/gateway/dist/datasources/types`) from a package
 * without an `exports` map: Node's ESM loader wants the file's extension, which esbuild and tsx
 * find themselves. Such an import is kept external under the file's full name.
 */
const fullPackagePaths: esbuild.Plugin = {
  name: 'full-package-paths',
  setup(build) {
    build.onResolve({ filter: /^[^./][^/]*\/./ }, async (args) => {
      if (args.pluginData === 'full-package-paths') return undefined;
      const parts = args.path.split('/');
      const nameParts = args.path.startsWith('@') ? 2 : 1;
      if (parts.length <= nameParts) return undefined;
      const packageName = parts.slice(0, nameParts).join('/');
      let file: string;
      try {
        file = createRequire(args.importer).resolve(args.path);
      } catch {
        return undefined;
      }
      const marker = `${path.sep}node_modules${path.sep}${packageName.split('/').join(path.sep)}${path.sep}`;
      const at = file.lastIndexOf(marker);
      if (at < 0) return undefined;
      const packageRoot = file.slice(0, at + marker.length);
      const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { exports?: unknown };
      if (manifest.exports !== undefined) return { path: args.path, external: true };
      return { path: `${packageName}/${file.slice(packageRoot.length).split(path.sep).join('/')}`, external: true };
    });
  },
};

/**
 * The gateway builds the IDE on first use when it finds none (gateway/src/ide.ts). The build ships
 * a built IDE and no esbuild, so that path is a clear error here instead of a missing package.
 */
const noIdeBuilder: esbuild.Plugin = {
  name: 'no-ide-builder',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/ide\/build$/ }, (args) =>
      args.importer.endsWith(path.join('gateway', 'src', 'ide.ts')) ? { path: 'ide-build', namespace: 'no-ide-builder' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-ide-builder' }, () => ({
      contents:
        "export async function buildIde() { throw new Error('编译版不含 IDE 构建工具，dist/gateway/ide/dist 缺失：请重新运行 npm run build (the compiled build ships a built IDE)'); }",
      loader: 'js',
    }));
  },
};

export async function buildDist(outDir = path.join(root, 'dist'), entries: Record<string, string> = BUILD_ENTRIES): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.entries(entries).map(([out, source]) => ({ in: source, out })),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    banner: { js: STACK_TRACES_BANNER },
    chunkNames: 'chunk-[hash]',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
    plugins: [relocateImportMeta, noIdeBuilder, fullPackagePaths],
  });
  for (const file of RUNTIME_FILES) await cp(path.join(root, file), path.join(outDir, file));
  for (const name of [...SUBGRAPH_NAMES, 'kit']) {
    await cp(path.join(root, 'subgraphs', name), path.join(outDir, 'subgraphs', name), {
      recursive: true,
      filter: async (source) => !source.includes(`${path.sep}node_modules`) && (await isDirOrSdl(source)),
    });
  }
  await buildIde({ outDir: path.join(outDir, 'gateway', 'ide', 'dist') });
  await writeFile(
    path.join(outDir, 'README.txt'),
    'GovCloud Graph 编译产物 (compiled build, npm run build): node dist/<gateway|providers|applications|security|supervision|migrate|seed|db-roles|audit-verify|import-monitoring>.js\n',
  );
  return outDir;
}

async function isDirOrSdl(file: string): Promise<boolean> {
  if (file.endsWith('.graphql')) return true;
  try {
    await readdir(file);
    return true;
  } catch {
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = await buildDist(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`已编译 (built): ${path.relative(process.cwd(), outDir) || '.'}/ — ${Object.keys(BUILD_ENTRIES).join(', ')}`);
}

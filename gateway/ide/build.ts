// Bundles the GraphQL IDE into self-contained static files. Everything the
// browser loads (JS, CSS, fonts, images) is emitted under /ide/, because the
// analysts' intranet has no route to any CDN.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as esbuild from 'esbuild';

import { IDE_LABELS_ZH } from './labels-zh';
import { ideSourceStamp, STAMP_FILE } from './stamp';
import { translateLabelsPlugin } from './translate-labels';

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_IDE_DIST_DIR = path.join(here, 'dist');
/** URL prefix the gateway serves the built assets under (see gateway/src/ide.ts). */
export const IDE_PUBLIC_PATH = '/ide/';

export interface BuildIdeOptions {
  outDir?: string;
  minify?: boolean;
}

// @graphiql/toolkit lazily imports graphql-ws only when a subscription URL is
// configured. We configure none and graphql-ws is not installed, so a stub
// keeps the bundle free of an unresolvable bare `import("graphql-ws")`.
const stubGraphqlWs: esbuild.Plugin = {
  name: 'stub-graphql-ws',
  setup(build) {
    build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: 'graphql-ws', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export function createClient() { throw new Error('此 IDE 不支持订阅 (WebSocket)'); }",
      loader: 'js',
    }));
  },
};

function indexHtml(scriptFile: string, cssFile: string | undefined): string {
  const css = cssFile ? `\n    <link rel="stylesheet" href="${IDE_PUBLIC_PATH}${cssFile}" />` : '';
  // The empty data: favicon stops the browser from requesting /favicon.ico.
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="govcloud-graphql-path" content="/graphql" />
    <title>GovCloud Graph · GraphQL IDE</title>
    <link rel="icon" href="data:," />${css}
    <script type="module" src="${IDE_PUBLIC_PATH}${scriptFile}"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>请启用 JavaScript 以使用 GovCloud Graph 查询界面。</noscript>
  </body>
</html>
`;
}

/** Builds the IDE into `outDir` (default gateway/ide/dist) and returns that directory. */
export async function buildIde(options: BuildIdeOptions = {}): Promise<string> {
  const outDir = path.resolve(options.outDir ?? DEFAULT_IDE_DIST_DIR);
  // Build next to the target and swap it in at the end, so a server never
  // sees a half-written dist and a failed build leaves no "built" directory.
  const stagingDir = `${outDir}.tmp-${process.pid}-${Date.now()}`;

  try {
    const result = await esbuild.build({
      entryPoints: { main: path.join(here, 'src', 'main.tsx') },
      outdir: stagingDir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
      jsx: 'automatic',
      minify: options.minify ?? true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: {
        '.svg': 'file',
        '.png': 'file',
        '.woff': 'file',
        '.woff2': 'file',
        '.ttf': 'file',
        '.eot': 'file',
      },
      // Content hashes in every name let the gateway cache assets "forever".
      entryNames: '[name]-[hash]',
      assetNames: 'assets/[name]-[hash]',
      publicPath: IDE_PUBLIC_PATH,
      metafile: true,
      logLevel: 'warning',
      plugins: [stubGraphqlWs, translateLabelsPlugin(IDE_LABELS_ZH)],
    });

    const outputs = Object.entries(result.metafile.outputs);
    const entry = outputs.find(([, meta]) => meta.entryPoint !== undefined);
    if (!entry) throw new Error('esbuild produced no entry output for the IDE');
    const [scriptPath, scriptMeta] = entry;
    const cssPath = scriptMeta.cssBundle;

    await writeFile(
      path.join(stagingDir, 'index.html'),
      indexHtml(path.basename(scriptPath), cssPath ? path.basename(cssPath) : undefined),
    );

    await writeFile(path.join(stagingDir, STAMP_FILE), `${(await ideSourceStamp()) ?? ''}\n`);

    await mkdir(path.dirname(outDir), { recursive: true });
    await rm(outDir, { recursive: true, force: true });
    await rename(stagingDir, outDir);
    return outDir;
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const minify = !process.argv.includes('--no-minify');
  buildIde({ minify }).then(
    (dir) => console.log(dir),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

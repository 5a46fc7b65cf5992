// An esbuild plugin that puts GraphiQL's controls into Chinese while bundling: each module of the
// packages in labels-zh.ts has its listed literals replaced, and the build fails, naming them,
// when a literal was found in none of its package's modules.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type * as esbuild from 'esbuild';

import type { LabelReplacement } from './labels-zh';

/** The package a resolved module path belongs to, e.g. `@graphiql/react` or `graphiql`. */
export function packageOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const first = parts[at + 1];
  return first?.startsWith('@') ? `${first}/${parts[at + 2]}` : first;
}

/** Replaces every occurrence of each entry in `source`; returns the text and the entries found. */
export function replaceLabels(source: string, table: readonly LabelReplacement[]): { text: string; found: Set<string> } {
  const found = new Set<string>();
  let text = source;
  for (const [from, to] of table) {
    if (!text.includes(from)) continue;
    found.add(from);
    text = text.split(from).join(to);
  }
  return { text, found };
}

export function translateLabelsPlugin(labels: Record<string, readonly LabelReplacement[]>): esbuild.Plugin {
  return {
    name: 'translate-labels',
    setup(build) {
      const found = new Map<string, Set<string>>(Object.keys(labels).map((name) => [name, new Set<string>()]));
      build.onStart(() => {
        for (const set of found.values()) set.clear();
      });
      const names = Object.keys(labels).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('/', '[\\\\/]'));
      const filter = new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/].*\\.js$`);
      build.onLoad({ filter }, async (args) => {
        const name = packageOf(args.path);
        const table = name === undefined ? undefined : labels[name];
        if (!table) return undefined;
        const { text, found: here } = replaceLabels(await readFile(args.path, 'utf8'), table);
        for (const from of here) found.get(name!)!.add(from);
        return { contents: text, loader: 'js', resolveDir: path.dirname(args.path) };
      });
      build.onEnd((result): esbuild.OnEndResult | undefined => {
        if (result.errors.length > 0) return undefined;
        const missing = Object.entries(labels).flatMap(([name, table]) =>
          table.filter(([from]) => !found.get(name)!.has(from)).map(([from]) => `${name}: ${from}`),
        );
        if (missing.length === 0) return undefined;
        return {
          errors: [
            {
              text: `界面文字未找到，GraphiQL 的版本变了？(labels not found in GraphiQL's modules; update gateway/ide/labels-zh.ts)\n${missing.join('\n')}`,
            },
          ],
        };
      });
    },
  };
}

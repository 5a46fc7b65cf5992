// GraphiQL's controls in Chinese (gateway/ide/labels-zh.ts, translate-labels.ts): every listed
// literal is found in the pinned GraphiQL, and a missing one fails the IDE build, naming it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { IDE_LABELS_ZH } from '../../gateway/ide/labels-zh';
import { ideSourceStamp, STAMP_FILE } from '../../gateway/ide/stamp';
import { packageOf, replaceLabels, translateLabelsPlugin } from '../../gateway/ide/translate-labels';
import { ensureIdeBuilt } from '../../gateway/src/ide';

const bundle = (labels: typeof IDE_LABELS_ZH) =>
  esbuild.build({
    stdin: { contents: "import 'graphiql'; import '@graphiql/plugin-history';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    outdir: mkdtempSync(path.join(os.tmpdir(), 'ide-labels-')),
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    loader: { '.css': 'empty' },
    external: ['graphql-ws'],
    plugins: [translateLabelsPlugin(labels)],
  });

describe('the IDE label translation', () => {
  it('names the package of a module path', () => {
    expect(packageOf('/x/node_modules/@graphiql/react/dist/ui/tabs.js')).toBe('@graphiql/react');
    expect(packageOf('/x/node_modules/graphiql/dist/GraphiQL.js')).toBe('graphiql');
    expect(packageOf('/x/gateway/ide/src/main.tsx')).toBeUndefined();
  });

  it('replaces every occurrence of exact source text only', () => {
    const { text, found } = replaceLabels('a("Type"); case "Type": title: "Type"', [['title: "Type"', 'title: "类型"']]);
    expect(text).toBe('a("Type"); case "Type": title: "类型"');
    expect([...found]).toEqual(['title: "Type"']);
  });

  it('finds every label in the pinned GraphiQL, so the bundle has no English control left', { timeout: 60_000 }, async () => {
    const result = await bundle(IDE_LABELS_ZH);
    const js = result.outputFiles!.find((file) => file.path.endsWith('.js'))!.text;
    for (const english of [
      '"Re-fetch GraphQL schema"',
      '"Open settings dialog"',
      'title: "Documentation Explorer"',
      '"Add favorite"',
      '"Show" ',
    ]) {
      expect(js).not.toContain(english);
    }
  });

  it('fails the build, naming the label, when GraphiQL no longer has it', { timeout: 60_000 }, async () => {
    const labels = { ...IDE_LABELS_ZH, graphiql: [...IDE_LABELS_ZH.graphiql!, ['"Text only an older GraphiQL had"', '"旧"'] as const] };
    await expect(bundle(labels)).rejects.toThrow(/labels not found[\s\S]*graphiql: "Text only an older GraphiQL had"/);
  });
});

describe('the built IDE stays in step with its sources', () => {
  it('rebuilds a dist built from other sources (an English one from before, say)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ide-stale-'));
    writeFileSync(path.join(dir, 'index.html'), '<title>stale</title>');
    writeFileSync(path.join(dir, STAMP_FILE), 'an-older-build\n');
    await ensureIdeBuilt(dir);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('/ide/main-');
    expect(readFileSync(path.join(dir, STAMP_FILE), 'utf8').trim()).toBe(await ideSourceStamp());
  });
});

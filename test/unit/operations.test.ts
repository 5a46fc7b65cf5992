// The client operations (operations/<client>/*.graphql): validated against the published contract,
// typed by the client preset (operations/generated/, npm run codegen) and listed as trusted
// documents (operations/manifest.json, npm run operations:manifest), each checked for staleness.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentId, generateOperationOutputs, OPERATIONS_DIR, operationFiles, staleFiles } from '../../scripts/codegen';
import { MANIFEST_PATH, manifestText } from '../../scripts/operations-manifest';
import { CityTodoListDocument, type CityTodoListQuery } from '../../operations/generated/graphql';

const files = operationFiles();
const sources = files.map((file) => ({ location: path.relative(process.cwd(), file), text: readFileSync(file, 'utf8') }));
const committed = (file: string) => readFileSync(file, 'utf8');

// A typed document: what a front end gets for its query (typecheck fails if the contract changes it).
export const firstDue = (data: CityTodoListQuery): string | undefined => data.todoItems?.edges[0]?.node.dueOn;

describe('client operations', { timeout: 120_000 }, () => {
  it('one folder per client, each file opening with a Chinese comment on the screen it serves, names unique', () => {
    const folders = new Set(files.map((file) => path.relative(OPERATIONS_DIR, file).split(path.sep)[0]));
    expect([...folders].sort()).toEqual(['analyst', 'city', 'county']);
    for (const { location, text } of sources) expect(text, location).toMatch(/^# [^\n]*[\u4e00-\u9fff][^\n]*\([A-Za-z -]+\)：/);
    const names = sources.flatMap(({ text }) =>
      parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : [])),
    );
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the generated types and the manifest are current, and every id is the SHA-256 of its document', async () => {
    const { files: generated, manifest } = await generateOperationOutputs(sources);
    expect(staleFiles(generated, committed)).toEqual([]);
    expect(committed(MANIFEST_PATH)).toBe(await manifestText(manifest));
    for (const [id, document] of Object.entries(manifest)) expect(documentId(document)).toBe(id);
    expect(Object.values(manifest)).toContainEqual(expect.stringMatching(/^mutation CitySubmitApplication\(/));
    // The typed document carries the id a front end sends as extensions.persistedQuery.sha256Hash.
    expect(manifest[(CityTodoListDocument as unknown as { __meta__: { hash: string } }).__meta__.hash]).toMatch(/^query CityTodoList\(/);
  });

  it('a field renamed in an operation to one the contract lacks fails, naming the file, line and field', async () => {
    const renamed = sources.map((source) =>
      source.location.endsWith('county/todo.graphql') ? { ...source, text: source.text.replace(/\bdueOn\b/, 'dueDate') } : source,
    );
    await expect(generateOperationOutputs(renamed)).rejects.toThrow(
      /operations\/county\/todo\.graphql:\d+: Cannot query field "dueDate" on type "TodoItem"/,
    );
  });

  it('a field renamed to another valid one makes the committed types and manifest stale', async () => {
    const renamed = sources.map((source) =>
      source.location.endsWith('county/todo.graphql') ? { ...source, text: source.text.replace(/\boverdue\b/, 'overdue: dueOn') } : source,
    );
    const { files: generated, manifest } = await generateOperationOutputs(renamed);
    expect(staleFiles(generated, committed)).toEqual([
      path.join('operations', 'generated', 'graphql.ts'),
      path.join('operations', 'generated', 'gql.ts'),
    ]);
    expect(committed(MANIFEST_PATH)).not.toBe(await manifestText(manifest));
  });
});

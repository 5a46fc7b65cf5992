import { readFileSync } from 'node:fs';
import { parse, print, visit, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_PATH, composeSchemas } from '../../schema/compose';
import {
  CHANGELOG_PATH,
  checkContract,
  describeCheck,
  RELEASED_API_SCHEMA_PATH,
  recordedCoordinates,
  releaseChangelog,
} from '../../schema/contract';
import { subgraphSdl, type SubgraphName } from '../../subgraphs/kit/schema-files';

const released = readFileSync(RELEASED_API_SCHEMA_PATH, 'utf8');
const changelog = readFileSync(CHANGELOG_PATH, 'utf8');
/**
 * The contract as committed today: the examples below change it by one thing, so the check sees that
 * change alone, whatever else changed since the last release.
 */
const committed = readFileSync(API_SCHEMA_PATH, 'utf8');

/** The subgraph's SDL without the field `typeName.fieldName` (wherever the type or an extension of it declares it). */
function withoutField(sdl: string, typeName: string, fieldName: string): string {
  const drop = <T extends ObjectTypeDefinitionNode | ObjectTypeExtensionNode>(node: T): T | undefined =>
    node.name.value === typeName ? { ...node, fields: node.fields?.filter((field) => field.name.value !== fieldName) } : undefined;
  return print(visit(parse(sdl), { ObjectTypeDefinition: drop, ObjectTypeExtension: drop }));
}

/** The subgraph's SDL without the argument `fieldName(argumentName:)`, wherever a field of that name declares it. */
function withoutArgument(sdl: string, fieldName: string, argumentName: string): string {
  return print(
    visit(parse(sdl), {
      FieldDefinition: (field) =>
        field.name.value === fieldName ? { ...field, arguments: field.arguments?.filter((a) => a.name.value !== argumentName) } : undefined,
    }),
  );
}

/** The API schema composed with one subgraph's SDL changed. */
function composedWith(name: SubgraphName, change: (sdl: string) => string): string {
  return composeSchemas((subgraph) => (subgraph === name ? change(subgraphSdl(subgraph)) : subgraphSdl(subgraph))).api;
}

const withUnreleased = (entries: string) => changelog.replace('## Unreleased\n', `## Unreleased\n\n${entries}\n`);

// Composing four subgraphs takes a few seconds on a busy 2-core machine.
describe('the published contract (schema/api.graphql)', { timeout: 120_000 }, () => {
  it('is the composed API schema: no federation internals, every description, committed and released', () => {
    const { api } = composeSchemas();
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(api);
    expect(api).not.toMatch(/join__|link__|@link|_Entity|_Any|_service/);
    expect(api).toContain('"""\n待办事项 (TodoItem)：');
    expect(released).toBeTruthy();
  });

  it('removing a field from a subgraph fails the check, naming the field; recording it in the CHANGELOG passes', async () => {
    const current = composedWith('applications', (sdl) => withoutField(sdl, 'TodoItem', 'action'));
    const failing = await checkContract(committed, current, changelog);
    expect(failing.unrecorded.map((change) => [change.coordinate, change.type])).toEqual([['TodoItem.action', 'FIELD_REMOVED']]);
    expect(describeCheck(failing).join('\n')).toMatch(/✗ .*TodoItem\.action: Field 'action' was removed from object type 'TodoItem'/);

    const recorded = withUnreleased('- `TodoItem.action` removed: the to-do list shows the kind instead (第十二条).');
    const passing = await checkContract(committed, current, recorded);
    expect(passing.unrecorded).toEqual([]);
    expect(passing.recorded.map((change) => change.coordinate)).toEqual(['TodoItem.action']);
  });

  it('an argument is named Type.field(argument:); a coordinate under an older release does not count', async () => {
    const current = composedWith('applications', (sdl) => withoutArgument(sdl, 'todoItems', 'after'));
    const check = await checkContract(committed, current, changelog.replace('`TodoItem.system`', '`Query.todoItems(after:)`'));
    expect(check.unrecorded.map((change) => change.coordinate)).toEqual(['Query.todoItems(after:)']);
    expect(recordedCoordinates(withUnreleased('- `Query.todoItems(after:)` …')).has('Query.todoItems(after:)')).toBe(true);
  });

  it('a coordinate named only in an explanation or a behaviour note is not recorded', () => {
    const recorded = recordedCoordinates(
      withUnreleased(
        [
          '- `Mutation.recordSystemMigrated(migratedOn:)` and `Mutation.recordSystemMigrated(lines:)` are',
          '  required: the fees follow the new host, see `Application.resourceLines`.',
          '- Behaviour, not shape: `Application.legacyOverdue` is true only while the old system runs.',
        ].join('\n'),
      ),
    );
    expect(recorded.has('Mutation.recordSystemMigrated(migratedOn:)') && recorded.has('Mutation.recordSystemMigrated(lines:)')).toBe(true);
    expect(recorded.has('Application.resourceLines')).toBe(false);
    expect(recorded.has('Application.legacyOverdue')).toBe(false);
  });

  it('a non-breaking change passes and is printed', async () => {
    const current = composedWith('applications', (sdl) =>
      sdl.replace(/type TodoItem \{\n/, 'type TodoItem {\n  "备注 (note)：测试用。"\n  note: String\n'),
    );
    const check = await checkContract(committed, current, changelog);
    expect(check.unrecorded).toEqual([]);
    expect(check.compatible.map((change) => [change.coordinate, change.level])).toEqual([
      ['TodoItem.note', 'NON_BREAKING'],
      ['TodoItem.note', 'NON_BREAKING'],
    ]);
    expect(describeCheck(check)).toEqual([
      "+ 兼容 (non-breaking) TodoItem.note: Field 'note' was added to object type 'TodoItem' (FIELD_ADDED)",
      "+ 兼容 (non-breaking) TodoItem.note: Field 'TodoItem.note' has description '备注 (note)：测试用。' (FIELD_DESCRIPTION_ADDED)",
    ]);
  });

  it('the committed contract passes against the released one', async () => {
    const check = await checkContract(released, readFileSync(API_SCHEMA_PATH, 'utf8'), changelog);
    expect(check.unrecorded).toEqual([]);
  });

  it('a release moves the Unreleased entries under the day and lists the compatible changes', () => {
    // From this changelog with nothing else unreleased, whatever the working copy's Unreleased holds.
    const nothingUnreleased = changelog.replace(/## Unreleased\n[\s\S]*?(?=\n## \d)/, '## Unreleased\n');
    const before = nothingUnreleased.replace('## Unreleased\n', '## Unreleased\n\n- `TodoItem.action` removed: …\n');
    const after = releaseChangelog(before, '2027-01-15', [
      { coordinate: 'TodoItem.note', level: 'NON_BREAKING', type: 'FIELD_ADDED', message: "Field 'note' was added" },
    ]);
    expect(after).toContain(
      "## Unreleased\n\n## 2027-01-15\n\n- `TodoItem.action` removed: …\n\n### 兼容变更 (non-breaking changes)\n\n- `TodoItem.note`: Field 'note' was added\n\n## 2026-12-03",
    );
    expect(recordedCoordinates(after).size).toBe(0);
    expect(releaseChangelog(after, '2027-01-15', [])).toContain('## Unreleased\n\n## 2027-01-15.2\n\n## 2027-01-15\n');
    expect(() => releaseChangelog(after, '15.01.2027', [])).toThrow(/YYYY-MM-DD/);
  });
});

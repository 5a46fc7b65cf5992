// The published contract's change control. `npm run schema:check` compares schema/api.graphql
// with the last released contract, schema/released/api.graphql (@graphql-inspector/core): every
// breaking change fails unless schema/CHANGELOG.md names its coordinate under "## Unreleased";
// non-breaking and dangerous changes pass and are printed. `npm run schema:release` moves the
// Unreleased entries into a section dated today (Beijing) and copies api.graphql to released/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { isIsoDate, todayInChina } from '../subgraphs/kit/dates';
import { API_SCHEMA_PATH } from './compose';

const schemaDir = path.dirname(fileURLToPath(import.meta.url));
export const RELEASED_API_SCHEMA_PATH = path.join(schemaDir, 'released', 'api.graphql');
export const CHANGELOG_PATH = path.join(schemaDir, 'CHANGELOG.md');

// graphql-inspector checks schemas with the CommonJS copy of graphql it loads from node_modules;
// under vitest an `import` would give this file the ESM copy, whose schema objects it refuses.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const UNRELEASED_HEADING = '## Unreleased';

/** One difference between the released contract and the current one. */
export interface ContractChange {
  /** The schema coordinate it touches: `Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE`, `@directive(argument:)`. */
  coordinate: string;
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  message: string;
}

export interface ContractCheck {
  /** Breaking changes whose coordinate the changelog's Unreleased section names: intended. */
  recorded: ContractChange[];
  /** Breaking changes it does not name: the check fails on each. */
  unrecorded: ContractChange[];
  /** Dangerous and non-breaking changes: printed, never failing. */
  compatible: ContractChange[];
}

const ARGUMENT_CHANGES = new Set<string>([
  ChangeType.FieldArgumentAdded,
  ChangeType.FieldArgumentRemoved,
  ChangeType.FieldArgumentTypeChanged,
  ChangeType.FieldArgumentDefaultChanged,
  ChangeType.FieldArgumentDescriptionChanged,
]);

/** The schema coordinate of a change: an argument is written `Type.field(argument:)`, as in the changelog. */
export function coordinateOf(change: Pick<Change, 'type' | 'path'>): string {
  const parts = (change.path ?? '').split('.');
  if (ARGUMENT_CHANGES.has(change.type) && parts.length === 3) return `${parts[0]}.${parts[1]}(${parts[2]}:)`;
  if (parts[0]?.startsWith('@') && parts.length === 2) return `${parts[0]}(${parts[1]}:)`;
  return change.path ?? '';
}

/** Every change from the released contract to the current one, in graphql-inspector's order. */
export async function contractChanges(releasedSdl: string, currentSdl: string): Promise<ContractChange[]> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  return changes.map((change) => ({
    coordinate: coordinateOf(change),
    level: change.criticality.level,
    type: change.type,
    message: change.message,
  }));
}

/** The text under "## Unreleased", up to the next "## " heading; empty when there is none. */
export function unreleasedSection(changelog: string): string {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.trim() === UNRELEASED_HEADING);
  if (start < 0) return '';
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/**
 * The coordinates an Unreleased section records: the `code spans` an entry ("- " item) names before
 * its first colon outside a code span, the part that says what changed. A coordinate mentioned only
 * in an entry's explanation, or in a behaviour note ("- Behaviour, not shape: …"), is not recorded.
 */
export function recordedCoordinates(changelog: string): Set<string> {
  const entries = unreleasedSection(changelog).split(/^- /m).slice(1);
  return new Set(entries.flatMap((entry) => [...leadOf(entry).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim())));
}

/** An entry's text up to its first colon that is not inside a code span (coordinates hold colons: `f(a:)`). */
function leadOf(entry: string): string {
  const withoutSpans = entry.replace(/`[^`\n]*`/g, (span) => '`'.padEnd(span.length - 1, '_') + '`');
  const colon = withoutSpans.search(/[:：]/);
  return colon < 0 ? entry : entry.slice(0, colon);
}

export async function checkContract(releasedSdl: string, currentSdl: string, changelog: string): Promise<ContractCheck> {
  const changes = await contractChanges(releasedSdl, currentSdl);
  const recordedNames = recordedCoordinates(changelog);
  const breaking = changes.filter((change) => change.level === CriticalityLevel.Breaking);
  return {
    recorded: breaking.filter((change) => recordedNames.has(change.coordinate)),
    unrecorded: breaking.filter((change) => !recordedNames.has(change.coordinate)),
    compatible: changes.filter((change) => change.level !== CriticalityLevel.Breaking),
  };
}

/** What the check prints: one line per change, then what to do about unrecorded ones. */
export function describeCheck(check: ContractCheck): string[] {
  const line = (mark: string, change: ContractChange) => `${mark} ${change.coordinate}: ${change.message} (${change.type})`;
  const lines = [
    ...check.unrecorded.map((change) => line('✗ 不兼容，未记录 (breaking, not recorded)', change)),
    ...check.recorded.map((change) => line('✓ 不兼容，已在 CHANGELOG 记录 (breaking, recorded)', change)),
    ...check.compatible.map((change) =>
      line(change.level === CriticalityLevel.Dangerous ? '! 需留意 (dangerous)' : '+ 兼容 (non-breaking)', change),
    ),
  ];
  if (check.unrecorded.length > 0) {
    lines.push(
      `接口契约有 ${check.unrecorded.length} 处未记录的不兼容变更：若是有意为之，请在 schema/CHANGELOG.md 的 "${UNRELEASED_HEADING}" 下写明其坐标（如 \`${check.unrecorded[0]!.coordinate}\`）与原因；否则请恢复 (record each breaking change's coordinate under "${UNRELEASED_HEADING}" in schema/CHANGELOG.md, or undo it)`,
    );
  } else if (lines.length === 0) {
    lines.push('schema/api.graphql 与已发布的契约相同 (no change since the released contract)');
  }
  return lines;
}

/**
 * The changelog after a release on `date`: the Unreleased entries move under "## <date>" (a
 * second release that day "## <date>.2"), with the
 * compatible changes listed after them, and Unreleased starts empty again.
 */
export function releaseChangelog(changelog: string, date: string, compatible: readonly ContractChange[]): string {
  if (!isIsoDate(date)) throw new Error(`发布日期须为 YYYY-MM-DD (release date must be YYYY-MM-DD): ${date}`);
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.trim() === UNRELEASED_HEADING);
  if (start < 0) throw new Error(`schema/CHANGELOG.md 缺少 "${UNRELEASED_HEADING}" 标题 (has no "${UNRELEASED_HEADING}" heading)`);
  // A second release on one day is "2026-12-03.2", so every heading stays unique.
  const taken = (name: string) => lines.some((line) => line.trim() === `## ${name}`);
  let version = date;
  for (let n = 2; taken(version); n += 1) version = `${date}.${n}`;
  const endIndex = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const end = endIndex < 0 ? lines.length : endIndex;
  const entries = lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
  const listed = compatible.map((change) => `- \`${change.coordinate}\`: ${change.message}`);
  const section = [
    `## ${version}`,
    '',
    ...(entries ? [entries, ''] : []),
    ...(listed.length > 0 ? ['### 兼容变更 (non-breaking changes)', '', ...listed, ''] : []),
  ];
  return [...lines.slice(0, start + 1), '', ...section, ...lines.slice(end)].join('\n');
}

function readText(file: string): string {
  if (!existsSync(file)) throw new Error(`未找到 (not found) ${path.relative(process.cwd(), file)}`);
  return readFileSync(file, 'utf8');
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const released = readText(RELEASED_API_SCHEMA_PATH);
  const current = readText(API_SCHEMA_PATH);
  const changelog = readText(CHANGELOG_PATH);
  const check = await checkContract(released, current, changelog);
  for (const line of describeCheck(check)) console.log(line);
  if (check.unrecorded.length > 0) process.exit(1);
  if (command === 'check') return;
  if (command !== 'release') throw new Error('用法 (usage): tsx schema/contract.ts check|release [--date YYYY-MM-DD]');
  if (current === released && !unreleasedSection(changelog).trim()) {
    console.log('没有可发布的变更 (nothing to release)');
    return;
  }
  const dateIndex = process.argv.indexOf('--date');
  const date = dateIndex > 0 ? (process.argv[dateIndex + 1] ?? '') : todayInChina();
  writeFileSync(CHANGELOG_PATH, releaseChangelog(changelog, date, check.compatible));
  mkdirSync(path.dirname(RELEASED_API_SCHEMA_PATH), { recursive: true });
  copyFileSync(API_SCHEMA_PATH, RELEASED_API_SCHEMA_PATH);
  console.log(`已发布 (released) ${date}: schema/released/api.graphql 与 schema/CHANGELOG.md 已更新，请提交 (commit them)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

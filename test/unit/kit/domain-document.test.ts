// docs/domain.md is the project's own account of the rules: each rule id of kit/rules.ts must be
// there with its article, every id the code refuses with (RuleViolationError in subgraphs/) too,
// and the document names no rule the code does not have.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../subgraphs/kit/rules';

const document = readFileSync(new URL('../../../docs/domain.md', import.meta.url), 'utf8');
const ruleRows = new Map([...document.matchAll(/^\| ([A-Z][A-Z0-9_]+) +\| (第[^ |]+条) +\|/gm)].map((match) => [match[1]!, match[2]!]));

describe('docs/domain.md', () => {
  it.each(Object.entries(RULES))('lists %s with its article', (id, rule) => {
    expect(ruleRows.get(id)).toBe(rule.article);
  });

  it('documents every rule id a RuleViolationError in subgraphs/ cites', () => {
    const root = new URL('../../../subgraphs/', import.meta.url).pathname;
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.split(path.sep).includes('generated'))
      .map((file) => [file, readFileSync(path.join(root, file), 'utf8')] as const);
    const cited = new Set<string>();
    for (const [file, text] of sources) {
      const thrown = text.match(/new RuleViolationError\b/g)?.length ?? 0;
      const ids = [...text.matchAll(/new RuleViolationError(?:<[^>]*>)?\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((match) => match[1]!);
      // An id passed as a variable would escape this check: each one must be written out.
      expect(ids, `${file}: a RuleViolationError whose rule id is not a literal`).toHaveLength(thrown);
      for (const id of ids) cited.add(id);
    }
    expect(cited.size).toBeGreaterThan(10);
    expect([...cited].filter((id) => !ruleRows.has(id)).sort()).toEqual([]);
  });

  it('lists no rule the code does not have', () => {
    expect([...ruleRows.keys()].filter((id) => !(id in RULES))).toEqual([]);
  });
});

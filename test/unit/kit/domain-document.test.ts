// docs/domain.md is the project's own account of the rules: each rule id of kit/rules.ts must be
// there with its article, and the document names no rule the code does not have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../subgraphs/kit/rules';

const document = readFileSync(new URL('../../../docs/domain.md', import.meta.url), 'utf8');
const ruleRows = new Map([...document.matchAll(/^\| ([A-Z][A-Z0-9_]+) +\| (第[^ |]+条) +\|/gm)].map((match) => [match[1]!, match[2]!]));

describe('docs/domain.md', () => {
  it.each(Object.entries(RULES))('lists %s with its article', (id, rule) => {
    expect(ruleRows.get(id)).toBe(rule.article);
  });

  it('lists no rule the code does not have', () => {
    expect([...ruleRows.keys()].filter((id) => !(id in RULES))).toEqual([]);
  });
});

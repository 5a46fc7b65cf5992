// Assertions on answers that came through the gateway (stack.query), so tests read as the rule.
import { expect } from 'vitest';
import type { GraphQLResult } from './graphql-client';

type Answer = GraphQLResult<unknown>;

/** The first error carries `code` (and is the only kind of answer: no data). */
export function expectGatewayCode(answer: Answer, code: string): void {
  expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer.errors ?? answer.data)).toBe(code);
}

/** The first error is `rule`'s violation, citing `article`, with any further `details`. */
export function expectGatewayRuleViolation(answer: Answer, rule: string, article: string, details: Record<string, unknown> = {}): void {
  expect(answer.errors?.[0]?.extensions, JSON.stringify(answer.errors ?? answer.data)).toMatchObject({
    code: 'RULE_VIOLATION',
    rule,
    article,
    ...details,
  });
}

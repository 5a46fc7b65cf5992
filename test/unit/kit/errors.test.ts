import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, ForbiddenError, RuleViolationError } from '../../../subgraphs/kit/errors';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { RULES } from '../../../subgraphs/kit/rules';

describe('RuleViolationError', () => {
  it('carries the code, the rule id and its article, and cites them in the Chinese message', () => {
    const error = new RuleViolationError('TERM_MAX_3Y', '协议服务期超过3年');
    expect(error.extensions).toMatchObject({ code: ErrorCode.RULE_VIOLATION, rule: 'TERM_MAX_3Y', article: '第九条' });
    expect(error.message).toContain('第九条');
    expect(error.message).toContain('协议服务期超过3年');
  });

  it('has an article for every rule of docs/domain.md', () => {
    for (const [id, rule] of Object.entries(RULES)) expect(rule.article, id).toMatch(/^第[一二三四五六七八九十]+条$/);
  });
});

describe('createFormatError', () => {
  const log = vi.fn();
  const format = createFormatError({ log });

  it('passes our own errors through without a stack trace', () => {
    const error = new ForbiddenError();
    const formatted = format({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: error.message, extensions: { code: ErrorCode.FORBIDDEN } });
  });

  it('masks anything unexpected, such as a database error, and logs it', () => {
    const original = new Error('relation "providers.provider" does not exist');
    const wrapped = new GraphQLError(original.message, { originalError: original });
    const formatted = format({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } }, wrapped);
    expect(formatted.message).not.toContain('relation');
    expect(formatted.extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
    expect(log).toHaveBeenCalledWith(original);
  });
});

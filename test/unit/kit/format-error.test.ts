// The kit's formatError: our errors as they are, Apollo's and graphql's English led by Chinese, a
// client's malformed request BAD_REQUEST, everything else masked and logged.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../subgraphs/kit/errors';
import { createFormatError } from '../../../subgraphs/kit/format-error';

function format(error: GraphQLError | Error) {
  const logged: unknown[] = [];
  // As Apollo hands it over: an error without a code of its own is INTERNAL_SERVER_ERROR by then.
  const extensions = error instanceof GraphQLError ? { ...error.extensions } : {};
  const formatted: GraphQLFormattedError = {
    message: error.message,
    extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR' },
  };
  return { result: createFormatError({ log: (e) => logged.push(e) })(formatted, error), logged };
}

describe('createFormatError', () => {
  it('leads graphql’s and Apollo’s English with Chinese, keeping the English and the code', () => {
    const parse = format(new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }));
    expect(parse.result).toEqual({
      message: '查询语法错误 (syntax error)：Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const unknownField = format(
      new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    );
    expect(unknownField.result.message).toBe('查询与 schema 不符 (validation failed)：Cannot query field "nope" on type "Query".');
    expect([parse.logged, unknownField.logged]).toEqual([[], []]);
  });

  it('leads graphql’s English that wraps a scalar’s Chinese reason too, but not our own message naming a field first', () => {
    const coercion = 'Variable "$i" got invalid value "2026-02-30" at "i.startedOn"; 日期 (Date) 须为 YYYY-MM-DD 格式的有效日期';
    expect(format(new GraphQLError(coercion, { extensions: { code: 'BAD_USER_INPUT' } })).result.message).toBe(
      `参数或变量的值无效 (invalid value)：${coercion}`,
    );
    expect(format(new BadUserInputError('first 须为 0 到 100 之间的整数', 'first')).result.message).toBe('first 须为 0 到 100 之间的整数');
  });

  it('leaves Chinese messages and the persisted-query protocol’s text as they are', () => {
    expect(format(new BadUserInputError('年度 year 须为 2019 至 2026 年之间的年份', 'year')).result).toEqual({
      message: '年度 year 须为 2019 至 2026 年之间的年份',
      extensions: { code: 'BAD_USER_INPUT', field: 'year' },
    });
    expect(format(new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })).result.message).toBe(
      'PersistedQueryNotFound',
    );
  });

  it('makes an uncoded error with an HTTP 4xx status BAD_REQUEST, and masks and logs anything else', () => {
    const version = format(
      new GraphQLError('Unsupported persisted query version', { extensions: { http: { status: 400, headers: new Map() } } }),
    );
    expect(version.result).toEqual({
      message: '请求格式有误 (bad request)：Unsupported persisted query version',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(version.logged).toEqual([]);
    const failure = format(new Error('relation "x" does not exist at character 15'));
    expect(failure.result).toEqual({ message: '服务器内部错误，请稍后重试或联系运维人员', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(failure.logged).toHaveLength(1);
  });
});

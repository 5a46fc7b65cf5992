import { GraphQLError } from 'graphql';
import { RULES, type RuleId } from './rules';

/** Stable codes in `extensions.code`; programs branch on these, people read the message. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RULE_VIOLATION = 'RULE_VIOLATION',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The operation exceeds a gateway limit; `extensions.limit` says which, `max` and `actual` by how much. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Introspection (`__schema`, `__type`) is switched off (GRAPHQL_INTROSPECTION). */
  INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED',
  /** Too many requests from one principal (or address); HTTP 429 with Retry-After. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Where trusted documents are enforced, a document not in operations/manifest.json (or an analyst's ad-hoc mutation). */
  PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED',
}

/** An error we raise on purpose: its message is written for the client and is shown as is. */
export class GovCloudError extends GraphQLError {
  constructor(
    message: string,
    code: ErrorCode,
    extensions: Record<string, unknown> = {},
    httpStatus?: number,
    httpHeaders?: Map<string, string>,
  ) {
    super(message, {
      extensions: {
        code,
        ...extensions,
        ...(httpStatus ? { http: { status: httpStatus, ...(httpHeaders ? { headers: httpHeaders } : {}) } } : {}),
      },
    });
    this.name = 'GovCloudError';
  }
}

export class BadUserInputError extends GovCloudError {
  constructor(message: string, field?: string) {
    super(message, ErrorCode.BAD_USER_INPUT, field ? { field } : {});
  }
}

export class UnauthenticatedError extends GovCloudError {
  constructor(message = '未认证：请提供有效的访问令牌 (Authorization: Bearer …)') {
    super(message, ErrorCode.UNAUTHENTICATED, {}, 401);
  }
}

/** Says no without saying anything about the record it guards. */
export class ForbiddenError extends GovCloudError {
  constructor(message = '无权执行此操作或访问此记录') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class NotFoundError extends GovCloudError {
  constructor(what: string) {
    super(`${what}不存在`, ErrorCode.NOT_FOUND);
  }
}

export class ConflictError extends GovCloudError {
  constructor(message = '记录已被他人修改，请刷新后重试') {
    super(message, ErrorCode.CONFLICT);
  }
}

/** A business rule of docs/domain.md said no; carries the rule id and the article it comes from. */
export class RuleViolationError extends GovCloudError {
  readonly rule: RuleId;
  constructor(rule: RuleId, message: string, details: Record<string, unknown> = {}) {
    const { article } = RULES[rule];
    super(`${message}（${rule}，《滨州市统一电子政务云暂行管理办法》${article}）`, ErrorCode.RULE_VIOLATION, {
      rule,
      article,
      ...details,
    });
    this.rule = rule;
  }
}

/** Something we depend on is away (a subgraph, the database, the file store); trying again later may succeed. */
export class ServiceUnavailableError extends GovCloudError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE, { retryable: true, ...extensions });
  }
}

/** Which gateway limit an operation exceeded (`extensions.limit` of QUERY_TOO_COMPLEX). */
export type QueryLimit = 'DEPTH' | 'ALIASES' | 'DIRECTIVES' | 'TOKENS' | 'COST';

const QUERY_LIMIT_NAMES: Record<QueryLimit, string> = {
  DEPTH: '查询嵌套深度 (depth)',
  ALIASES: '别名数量 (aliases)',
  DIRECTIVES: '指令数量 (directives)',
  TOKENS: '查询词法单元数量 (tokens)',
  COST: '查询代价 (cost)',
};

/** Refused before any subgraph is called: the operation is deeper, wider or costlier than the gateway allows. */
export class QueryTooComplexError extends GovCloudError {
  constructor(limit: QueryLimit, max: number, actual?: number) {
    const found = actual === undefined ? '' : `，实际 ${actual}`;
    super(
      `${QUERY_LIMIT_NAMES[limit]}超出上限 ${max}${found}：请减少嵌套、别名或每页条数 (first)，或分多次查询 (query too complex)`,
      ErrorCode.QUERY_TOO_COMPLEX,
      { limit, max, ...(actual === undefined ? {} : { actual }) },
      400,
    );
  }
}

export class IntrospectionDisabledError extends GovCloudError {
  constructor() {
    super('本环境已关闭架构查询 (introspection disabled): __schema 与 __type 不可用', ErrorCode.INTROSPECTION_DISABLED, {}, 400);
  }
}

/** HTTP 429 with Retry-After (whole seconds), so clients back off for as long as they must. */
export class RateLimitedError extends GovCloudError {
  constructor(retryAfterSeconds: number) {
    super(
      `请求过于频繁，请 ${retryAfterSeconds} 秒后重试 (rate limit exceeded; retry after ${retryAfterSeconds} s)`,
      ErrorCode.RATE_LIMITED,
      { retryAfterSeconds },
      429,
      new Map([['retry-after', String(retryAfterSeconds)]]),
    );
  }
}

/**
 * A character no text of ours may hold (kit/text-input.ts DISALLOWED_CHARACTERS) in a query, its
 * variables or literals: refused at the edge, before anything runs.
 */
export class DisallowedCharacterError extends GovCloudError {
  constructor() {
    super(
      '请求含不允许的字符（空字符 U+0000、其他控制字符或双向文本控制符 U+202A–U+202E、U+2066–U+2069），无法处理：请从查询与变量中去除 (control and bidirectional-override characters are not accepted)',
      ErrorCode.BAD_USER_INPUT,
      {},
      400,
    );
  }
}

/**
 * A verified identity the directory does not allow: a county authority claiming the city, a unit
 * claiming another region or no longer active. Refused with 403 before any resolver runs.
 */
export class PrincipalRefusedError extends GovCloudError {
  constructor(message: string) {
    super(message, ErrorCode.FORBIDDEN, {}, 403);
  }
}

/** Who is asking cannot be checked right now (the directory does not answer): 503, never a guess. */
export class DirectoryUnavailableError extends GovCloudError {
  constructor(message: string) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE, {}, 503);
  }
}

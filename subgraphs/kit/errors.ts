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
}

/** An error we raise on purpose: its message is written for the client and is shown as is. */
export class GovCloudError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}, httpStatus?: number) {
    super(message, {
      extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
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

/** A business rule of DOMAIN.md said no; carries the rule id and the article it comes from. */
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

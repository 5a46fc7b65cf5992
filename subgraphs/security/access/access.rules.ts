// AUTHORIZED_ACCESS (第二十三条): nobody enters a unit's cloud hosts, databases or storage without its
// grant; an access record with no grant is a violation. The pure parts of the rule live here so
// unit tests can pin its boundaries; access-record.service.ts decides the same thing in SQL.
import { CLOCK_SKEW_MS, parseInstant } from '../../kit/instants';
import { BadUserInputError, ErrorCode, GovCloudError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { AccessResourceKind } from '../../contracts/access-grants';
import type { AccessRecordInput } from '../generated/graphql';

export { grantCovers, matchingGrant, type AccessFacts, type AccessResourceKind, type GrantTerms } from '../../contracts/access-grants';

export const ACCESS_RESOURCE_KINDS: readonly AccessResourceKind[] = ['HOST', 'DATABASE', 'STORAGE'];

/**
 * One submission carries at most this many records: 5,000 typical records are about 1.1 MiB of
 * JSON, well inside the 2 MiB request body the gateway and subgraphs accept (kit/http.ts); 10,000
 * would not reliably fit.
 */
export const MAX_RECORDS_PER_SUBMISSION = 5_000;

export const TEXT_LIMITS = { staffName: 64, staffAccount: 128, purpose: 500, action: 500, externalId: 200 } as const;

/** A required text argument: trimmed, not blank, at most `max` characters. */
export function requireText(value: string, field: string, label: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' || text.length > max) throw new BadUserInputError(`${label}（${field}）不能为空，且不超过 ${max} 个字符`, field);
  return text;
}

/** A submitted access record after validation: trimmed, its instant parsed. */
export interface ValidAccessRecord {
  systemId: string;
  resourceKind: AccessResourceKind;
  staffAccount: string;
  accessedAt: Date;
  action: string;
  externalId: string;
}

/** BAD_USER_INPUT naming the offending row (0-based, as `records[i]`) and field. */
export function rowError(index: number, field: string, problem: string): GovCloudError {
  return new GovCloudError(`第 ${index + 1} 条访问记录（records[${index}].${field}）${problem}；整批未写入`, ErrorCode.BAD_USER_INPUT, {
    field: `records[${index}].${field}`,
    row: index,
  });
}

function rowText(value: unknown, index: number, field: keyof typeof TEXT_LIMITS, label: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' || text.length > TEXT_LIMITS[field]) {
    throw rowError(index, field, `${label}不能为空，且不超过 ${TEXT_LIMITS[field]} 个字符`);
  }
  return text;
}

/**
 * Checks a whole batch before anything is written: its size, then every row's fields. The first
 * bad row fails the batch with its index; the systems' platform is checked by the service (it
 * needs the database).
 */
export function validateAccessRecords(records: readonly AccessRecordInput[], now: Date): ValidAccessRecord[] {
  if (records.length === 0 || records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw new BadUserInputError(
      `每次提交 1 至 ${MAX_RECORDS_PER_SUBMISSION} 条访问记录（records），本次为 ${records.length} 条`,
      'records',
    );
  }
  const latest = now.getTime() + CLOCK_SKEW_MS;
  return records.map((record, index) => {
    if (!isUuid(record.systemId)) throw rowError(index, 'systemId', '须为有效的政务信息系统标识 (UUID)');
    if (!ACCESS_RESOURCE_KINDS.includes(record.resourceKind)) throw rowError(index, 'resourceKind', '须为 HOST、DATABASE 或 STORAGE');
    const accessedAt = parseInstant(record.accessedAt);
    if (!accessedAt) throw rowError(index, 'accessedAt', '须为带时区的 ISO 8601 时间，如 2026-11-26T09:00:00+08:00');
    if (accessedAt.getTime() > latest) throw rowError(index, 'accessedAt', '晚于当前时间，访问记录不能来自未来');
    return {
      systemId: record.systemId.toLowerCase(),
      resourceKind: record.resourceKind,
      staffAccount: rowText(record.staffAccount, index, 'staffAccount', '人员账号'),
      accessedAt,
      action: rowText(record.action, index, 'action', '操作及目的'),
      externalId: rowText(record.externalId, index, 'externalId', '日志记录编号'),
    };
  });
}

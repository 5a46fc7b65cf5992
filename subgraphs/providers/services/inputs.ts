// Input validation for mutations: pure functions that turn GraphQL input into checked values or
// throw BAD_USER_INPUT naming the field. They run before any transaction starts.
import { BadUserInputError } from '../../kit/errors';
import { parseIsoDate } from '../../kit/dates';

export { optionalText, requiredText } from '../../kit/text-input';

export function optionalDate(value: string | null | undefined, field: string, label: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  return parseIsoDate(value, field, label);
}

export function positiveInt(value: unknown, field: string, label: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(`${label}（${field}）须为 1 到 ${max} 之间的整数`, field);
  }
  return value;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** Business codes such as `ECS-4C8G`: upper-case letters, digits and hyphens. */
export function catalogCode(value: unknown, field: string, label: string): string {
  const code = typeof value === 'string' ? value.trim() : '';
  if (!CODE.test(code)) throw new BadUserInputError(`${label}（${field}）须为 2 到 40 位大写字母、数字或连字符，如 ECS-4C8G`, field);
  return code;
}

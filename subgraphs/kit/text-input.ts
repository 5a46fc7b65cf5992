// Free text from a mutation's arguments, read the same way in every subgraph: trimmed, bounded,
// and BAD_USER_INPUT naming the field (label in Chinese, the argument's name in brackets).
import { BadUserInputError } from './errors';

/** A text the caller must give: blank or longer than `maxLength` characters is BAD_USER_INPUT. */
export function requiredText(value: unknown, field: string, label: string, maxLength: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new BadUserInputError(`${label}（${field}）不能为空`, field);
  if (text.length > maxLength) throw new BadUserInputError(`${label}（${field}）不能超过 ${maxLength} 个字符`, field);
  return text;
}

/** Like requiredText, but absent or blank is null. */
export function optionalText(value: unknown, field: string, label: string, maxLength: number): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  return requiredText(value, field, label, maxLength);
}

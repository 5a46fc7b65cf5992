// Free text from a mutation's arguments, read the same way in every subgraph: trimmed, bounded,
// and BAD_USER_INPUT naming the field (label in Chinese, the argument's name in brackets).
import { BadUserInputError } from './errors';

/**
 * Characters no text of ours may hold, refused for every request at the edge (kit/http.ts, and
 * the gateway's literal rule): U+0000, which PostgreSQL cannot store; the other C0 controls but
 * tab, line feed and carriage return, and DEL, which no form types and a terminal or log reader
 * obeys; and the bidirectional embedding, override and isolate controls, which make a name read
 * backwards (a file `报告‮fdp.exe` shown as `报告exe.pdf`).
 */
// eslint-disable-next-line no-control-regex
export const DISALLOWED_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

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

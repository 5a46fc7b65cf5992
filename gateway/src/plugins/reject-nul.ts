// U+0000 written as an escape inside a string literal ("\u0000", "\u{0}") only exists once the
// document is parsed, so kit/http.ts cannot see it in the request text; this validation rule
// refuses it before execution, with the same BAD_USER_INPUT as a raw one. PostgreSQL cannot store it.
import type { ValidationRule } from 'graphql';
import { NulCharacterError } from '../../../subgraphs/kit/errors';

export const rejectNulInLiteralsRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes('\u0000')) context.reportError(new NulCharacterError());
  },
});

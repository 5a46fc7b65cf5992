// A character no text of ours may hold (kit/text-input.ts DISALLOWED_CHARACTERS: U+0000, the other
// controls, the bidirectional overrides) written as an escape inside a string literal ("\u0000",
// "\u{202E}") only exists once the document is parsed, so kit/http.ts cannot see it in the request
// text; this validation rule refuses it before execution, with the same BAD_USER_INPUT as a raw one.
import type { ValidationRule } from 'graphql';
import { DisallowedCharacterError } from '../../../subgraphs/kit/errors';
import { DISALLOWED_CHARACTERS } from '../../../subgraphs/kit/text-input';

export const rejectDisallowedCharactersRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (DISALLOWED_CHARACTERS.test(node.value)) context.reportError(new DisallowedCharacterError());
  },
});

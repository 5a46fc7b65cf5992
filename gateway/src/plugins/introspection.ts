// Introspection follows GRAPHQL_INTROSPECTION (on outside production, off in production): when
// off, `__schema` and `__type` are refused with our own code and a Chinese message instead of
// Apollo's English one. `__typename` stays: clients need it and it reveals nothing.
import type { ValidationRule } from 'graphql';
import { IntrospectionDisabledError } from '../../../subgraphs/kit/errors';

const SCHEMA_FIELDS = new Set(['__schema', '__type']);

/** Refuses any `__schema` or `__type` field, in the operation or its fragments. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (SCHEMA_FIELDS.has(node.name.value)) context.reportError(new IntrospectionDisabledError());
  },
});

/** The rules for a gateway whose introspection is `enabled` (none when it is). */
export function introspectionRules(enabled: boolean): ValidationRule[] {
  return enabled ? [] : [noIntrospectionRule];
}

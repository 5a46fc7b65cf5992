// Malformed, out-of-range, wrong-type, oversized, NUL-byte and injection-shaped values for an
// argument, chosen by its type and name. Each is labelled so a failure names what was sent.
import { getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';

export interface BadValue {
  label: string;
  value: unknown;
}

const OVERSIZED = 'x'.repeat(100 * 1024);
const NUL = 'a\u0000b';
const INJECTIONS: BadValue[] = [
  { label: 'sql-or', value: "' OR 1=1 --" },
  { label: 'sql-drop', value: "'; DROP TABLE x; --" },
  { label: 'script', value: '<script>alert(1)</script>' },
];

function isDateName(name: string): boolean {
  return /(On|At|Until|From|^from|^to|deadline|Date)$/.test(name);
}

function isMoneyName(name: string): boolean {
  return /(Yuan|[Pp]rice)$/.test(name);
}

/**
 * Bad values for one argument. For a mutation's plain text (a reason, a name, an agreement number:
 * no id, date, amount or region code) injection-shaped text is legitimate text to keep, and an
 * empty optional one means none, so only what no text field should take is sent there.
 */
export function badValuesFor(name: string, type: GraphQLInputType, mutating: boolean): BadValue[] {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  const values: BadValue[] = [];
  if (isNonNullType(type)) values.push({ label: 'null-for-required', value: null });
  if (isListType(nullable)) {
    values.push({ label: 'empty-list', value: [] }, { label: 'list-with-null', value: [null] });
    if (isInputObjectType(named)) values.push({ label: 'list-of-wrong-type', value: ['x'] });
    return values;
  }
  if (isInputObjectType(named)) {
    // An input whose fields are all optional is a valid (empty) change when empty.
    if (Object.values(named.getFields()).some((field) => isNonNullType(field.type))) values.push({ label: 'object-empty', value: {} });
    values.push({ label: 'object-wrong-type', value: 'x' }, { label: 'object-unknown-field', value: { zz: 1 } });
    return values;
  }
  if (isEnumType(named)) {
    const first = named.getValues()[0]!.value as string;
    values.push(
      { label: 'enum-unknown', value: 'NOT_A_VALUE' },
      { label: 'enum-lowercase', value: first.toLowerCase() },
      { label: 'enum-wrong-type', value: 1 },
      { label: 'enum-nul', value: `${first}\u0000` },
    );
    return values;
  }
  switch (named.name) {
    case 'Int':
      values.push(
        { label: 'int-negative', value: -1 },
        { label: 'int-max', value: 2147483647 },
        { label: 'int-overflow', value: 2147483648 },
        { label: 'int-fraction', value: 1.5 },
        { label: 'int-wrong-type', value: '1' },
      );
      if (name === 'first')
        values.push({ label: 'first-zero', value: 0 }, { label: 'first-huge', value: 1_000_000 }, { label: 'first-101', value: 101 });
      return values;
    case 'Float':
      values.push(
        { label: 'float-negative', value: -1 },
        { label: 'float-huge', value: 1.7976931348623157e308 },
        { label: 'float-wrong-type', value: 'eighty' },
      );
      return values;
    case 'Boolean':
      values.push({ label: 'bool-wrong-type', value: 'true' }, { label: 'bool-number', value: 1 });
      return values;
  }
  // ID and String.
  const plainText = named.name === 'String' && !isDateName(name) && !isMoneyName(name) && !/regionCode$/.test(name);
  values.push(
    { label: 'oversized-100KB', value: OVERSIZED },
    { label: 'nul-byte', value: NUL },
    { label: 'control-character', value: 'a\u001b[2Jb' },
    { label: 'bidi-override', value: '报告\u202efdp.exe' },
    { label: 'wrong-type-object', value: { a: 1 } },
  );
  if (!(mutating && plainText && !isNonNullType(type))) values.push({ label: 'empty', value: '' });
  if (named.name === 'ID')
    values.push(
      { label: 'id-malformed', value: 'not-an-id' },
      { label: 'id-nil-uuid', value: '00000000-0000-0000-0000-000000000000' },
      { label: 'id-uuid-with-junk', value: '6811b106-c804-5a9c-b7dd-d9bddc265498x' },
      { label: 'id-wrong-type-bool', value: true },
    );
  if (isDateName(name))
    values.push(
      { label: 'date-invalid', value: '2026-13-45' },
      { label: 'date-feb-30', value: '2026-02-30' },
      { label: 'date-words', value: 'yesterday' },
      { label: 'date-far-future', value: '275760-09-13' },
    );
  if (isMoneyName(name))
    values.push(
      { label: 'money-negative', value: '-1.00' },
      { label: 'money-huge', value: '99999999999999999999999999.99' },
      { label: 'money-exponent', value: '1e309' },
      { label: 'money-nan', value: 'NaN' },
      { label: 'money-fractional-fen', value: '1.001' },
    );
  if (/regionCode$/.test(name)) values.push({ label: 'region-unknown', value: '999999' });
  if (!(mutating && plainText)) values.push(...INJECTIONS);
  return values;
}

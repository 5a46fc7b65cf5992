import { Check } from 'typeorm';

/**
 * The CHECK that a column holds one of an enum's values, named and written as our migrations do
 * (`<table>_<column>_check`, `"<column>" IN ('A', 'B')`). Pass the generated SDL enum's values
 * (`Object.values(SupplementaryFilingStatus)`), so schema and table list the same values; a value
 * added to the SDL then needs a migration, which the migrations test asks for.
 */
export function enumCheck(table: string, column: string, values: readonly string[]): ClassDecorator & PropertyDecorator {
  if (values.length === 0) throw new Error(`enumCheck ${table}.${column}: no values`);
  const bad = values.find((value) => !/^[A-Za-z0-9_]+$/.test(value));
  if (bad !== undefined) throw new Error(`enumCheck ${table}.${column}: value ${JSON.stringify(bad)} is not an enum name`);
  return Check(`${table}_${column}_check`, `"${column}" IN (${values.map((value) => `'${value}'`).join(', ')})`);
}

// Plausible values for any argument of the graph, by name and type: the ids come from a picker
// (records of the demo world another role owns, or any record), everything else is a value the
// server would accept, so a probe is refused for the reason under test and not for a typo.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

export interface IdPicker {
  /** An id of a record of `typeName` (for `regionCode`: a region code), or undefined when there is none. */
  id(typeName: string): string | undefined;
  /** The `version` a mutation must quote for the record `id` (its own, or its application's). */
  version(id: string): number | undefined;
  /** A service item's code (public reference data). */
  serviceItemCode(): string;
}

/** Id arguments whose name does not say their type plainly. */
const ID_TARGETS: Record<string, string> = {
  system: 'InformationSystem',
  systems: 'InformationSystem',
  finding: 'InspectionFinding',
  incident: 'SecurityIncident',
  rectification: 'ProviderRectification',
  evaluation: 'ProviderEvaluation',
  entry: 'BasicCatalogEntry',
  catalogEntry: 'BasicCatalogEntry',
  exit: 'ProviderExit',
  targetProvider: 'Provider',
  cityAgreement: 'Agreement',
  line: 'ResourceLine',
  result: 'UnitPerformanceResult',
  changeRequest: 'ChangeRequest',
  submission: 'AccessRecordSubmission',
  region: 'Region',
};

/** The record type an id argument names: `unitId` → Unit; a field's own `id` → the type it answers with. */
export function idTargetOf(argName: string, recordType: string | undefined): string | undefined {
  if (argName === 'id') return recordType;
  const match = /^(.+?)(Id|Ids|Code)$/.exec(argName);
  if (!match) return undefined;
  if (match[2] === 'Code' && match[1] !== 'region') return undefined;
  const stem = match[1]!;
  return ID_TARGETS[stem] ?? stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** A valid-looking scalar for an argument by its name and type. */
export function plainValue(name: string, type: GraphQLInputType, picker: IdPicker): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  switch (named.name) {
    case 'Boolean':
      return false;
    case 'Int':
      if (/year/i.test(name)) return 2025;
      if (name === 'first') return 5;
      if (/level/i.test(name)) return 3;
      if (/days|minutes/i.test(name)) return 30;
      return 1;
    case 'Float':
      return /percent/i.test(name) ? 99.5 : 80;
    case 'String':
    case 'ID':
      return stringValue(name, picker);
    case 'Date':
      return '2026-11-20';
    case 'DateTime':
      return '2026-11-20T08:00:00+08:00';
    default:
      return 'probe';
  }
}

function stringValue(name: string, picker: IdPicker): string {
  if (name === 'serviceItemCode') return picker.serviceItemCode();
  if (/Yuan$|[Pp]rice$/.test(name)) return '1.00';
  if (/(At)$/.test(name)) return '2026-11-20T08:00:00+08:00';
  if (/(On|Until|From|^from|^to|deadline|Date)$/.test(name)) return '2026-11-20';
  if (name === 'after') return 'probe-cursor';
  return `probe ${name}`;
}

export interface FilledVariables {
  variables: Record<string, unknown>;
  /** Paths whose value came from the picker (the ids a probe aims at). */
  picked: string[];
  /** Required ids the picker had none for: the probe cannot be aimed. */
  missing: string[];
}

/**
 * Variables for a field: every required argument and input field, plus every optional id the
 * picker has a record for when `optionalIds` is set (filters like `unitId` are what a scope must
 * hold against). `version` quotes the version of the record named beside it.
 */
export function fillVariables(
  field: GraphQLField<unknown, unknown>,
  recordType: string | undefined,
  picker: IdPicker,
  options: { optionalIds: boolean },
): FilledVariables {
  const picked: string[] = [];
  const missing: string[] = [];

  const fillObject = (
    fields: ReadonlyArray<{ name: string; type: GraphQLInputType }>,
    prefix: string,
    ownRecord: string | undefined,
  ): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    let pickedId: string | undefined;
    const pickId = (name: string, type: GraphQLInputType, required: boolean): unknown => {
      const target = idTargetOf(name, ownRecord);
      if (!target) return undefined;
      const id = picker.id(target);
      if (id === undefined) {
        if (required) missing.push(`${prefix}${name}`);
        return undefined;
      }
      picked.push(`${prefix}${name}`);
      pickedId ??= id;
      return isListType(getNullableType(type)) ? [id] : id;
    };
    for (const { name, type } of fields) {
      const required = isNonNullType(type);
      const named = getNamedType(type);
      if (named.name === 'ID' || name === 'regionCode') {
        if (!required && !options.optionalIds) continue;
        const value = pickId(name, type, required);
        if (value !== undefined) result[name] = value;
        else if (required) result[name] = plainValue(name, type, picker);
      } else if (required && isInputObjectType(named)) {
        const inner = fillObject(Object.values(named.getFields()), `${prefix}${name}.`, undefined);
        result[name] = isListType(getNullableType(type)) ? [inner] : inner;
      } else if (required && name !== 'version') {
        const value = plainValue(name, type, picker);
        result[name] = isListType(getNullableType(type)) ? [value] : value;
      }
    }
    const version = fields.find((f) => f.name === 'version');
    if (version && (isNonNullType(version.type) || pickedId)) result.version = (pickedId && picker.version(pickedId)) ?? 1;
    return result;
  };

  const variables = fillObject(field.args, '', recordType);
  return { variables, picked, missing };
}

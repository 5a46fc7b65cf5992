// Shapes the subgraphs' merged data into the answer the operation asked for, as Apollo Gateway's
// computeResponse does (the same fields in the same order, the same errors and null propagation),
// but from a plan compiled once per Operation instead of walking the operation's selections and
// their directives for every value (issue 14). Apollo's walk was the gateway's largest allocator
// (62% of its allocated bytes on the dashboard) and about 0.7 ms of its CPU per dashboard request.
//
// Each selection set's steps then run as a function of their own (shaping-code.ts), which reads and
// writes the common fields by name: 175 → 28 µs for a county page of 50 rows.
//
// Installed by replacing the export executeQueryPlan calls (useResultShaping;
// COMPILED_RESULT_SHAPING=false puts Apollo's back). The Operation is reused across requests
// (reused-operations.ts), so its plan is too.
// test/unit/gateway/result-shaping.test.ts checks it against Apollo's, answer for answer.
import { createRequire } from 'node:module';
import { compileSteps, type FastStep, type LeafCheck, type ShapingParts, type StepsApplier } from './shaping-code';

type Internals = typeof import('@apollo/federation-internals');
type Operation = import('@apollo/federation-internals').Operation;
type SelectionSet = import('@apollo/federation-internals').SelectionSet;
type Selection = import('@apollo/federation-internals').Selection;
type Type = import('@apollo/federation-internals').Type;
type CompositeType = import('@apollo/federation-internals').CompositeType;
type NamedType = import('@apollo/federation-internals').NamedType;
type Schema = import('@apollo/federation-internals').Schema;
type GraphQLError = import('graphql').GraphQLError;

// As the gateway's modules require them: the same classes and type objects theirs use.
const gatewayRequire = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
const internals = gatewayRequire('@apollo/federation-internals') as Internals;
const { baseType, ERRORS, isCompositeType, isCustomScalarType, isEnumType, isListType, isNonNullType, isObjectType, isSubtype, Variable } =
  internals;
const assert: (condition: unknown, message: string | (() => string)) => asserts condition = internals.assert;
const TYPENAME = internals.typenameFieldName;

/** What Apollo Gateway's computeResponse takes and gives. */
export interface ShapingInput {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (selection: Selection) => unknown;
}
export type ComputeResponse = (input: ShapingInput) => { data: unknown; errors: GraphQLError[] };

/** An @skip or @include argument: a literal, or the name of the variable holding it. */
type Condition = boolean | string;

interface FieldStep {
  field: true;
  responseName: string;
  /** A name Object.prototype has (constructor, __proto__…): read and written as an own property only. */
  prototypeName: boolean;
  skip: Condition | undefined;
  include: Condition | undefined;
  selection: Selection;
  introspection: boolean;
  typename: boolean;
  type: Type;
  selections: Step[] | undefined;
  /** For a scalar or enum field: whether a value is one its type allows. */
  isValid: LeafCheck | undefined;
  /** A scalar or enum field (not __typename), nullable or not, not a list: a valid value is written as it came. */
  plainLeaf: boolean;
}

interface FragmentStep {
  field: false;
  skip: Condition | undefined;
  include: Condition | undefined;
  typeCondition: CompositeType | undefined;
  selections: Step[];
}

type Step = FieldStep | FragmentStep;

interface Run {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspectionHandling: (selection: Selection) => unknown;
  path: Array<string | number>;
  /** Out-values of the last shapeValue call (Apollo's isInvalid and hasErrors), so no result object per value. */
  invalid: boolean;
  hasErrors: boolean;
}

const plans = new WeakMap<SelectionSet, Step[]>();

function planOf(selectionSet: SelectionSet): Step[] {
  let plan = plans.get(selectionSet);
  if (!plan) plans.set(selectionSet, (plan = selectionSet.selections().map(stepOf)));
  return plan;
}

function stepOf(selection: Selection): Step {
  const element = selection.element;
  const schema = element.schema();
  const skip = conditionOf(element.appliedDirectivesOf(schema.skipDirective())[0]);
  const include = conditionOf(element.appliedDirectivesOf(schema.includeDirective())[0]);
  if (selection.kind === 'FieldSelection') {
    const field = selection.element;
    const responseName = field.responseName();
    return {
      field: true,
      responseName,
      prototypeName: responseName in Object.prototype,
      skip,
      include,
      selection,
      introspection: field.definition.isSchemaIntrospectionField(),
      typename: field.name === TYPENAME,
      type: field.definition.type!,
      selections: selection.selectionSet && planOf(selection.selectionSet),
      isValid: selection.selectionSet ? undefined : leafCheckOf(baseType(field.definition.type!)),
      plainLeaf: !selection.selectionSet && field.name !== TYPENAME && !isListType(nullableOf(field.definition.type!)),
    };
  }
  return { field: false, skip, include, typeCondition: selection.element.typeCondition, selections: planOf(selection.selectionSet) };
}

function conditionOf(directive: { arguments(): Record<string, unknown> } | undefined): Condition | undefined {
  if (!directive) return undefined;
  const value = directive.arguments().if;
  return value instanceof Variable ? value.name : (value as boolean);
}

function conditionValue(condition: Condition, variables: Record<string, unknown>): boolean {
  if (typeof condition === 'boolean') return condition;
  const value = variables[condition];
  assert(typeof value === 'boolean', () => `Unexpected value ${String(value)} for variable $${condition}`);
  return value as boolean;
}

function skipped(step: Step, variables: Record<string, unknown>): boolean {
  return (
    (step.skip !== undefined && conditionValue(step.skip, variables)) ||
    (step.include !== undefined && !conditionValue(step.include, variables))
  );
}

function read(object: Record<string, unknown>, step: FieldStep): unknown {
  return step.prototypeName
    ? Object.prototype.hasOwnProperty.call(object, step.responseName)
      ? object[step.responseName]
      : undefined
    : object[step.responseName];
}

function write(object: Record<string, unknown>, step: FieldStep, value: unknown): void {
  if (step.responseName === '__proto__')
    Object.defineProperty(object, '__proto__', { value, writable: true, enumerable: true, configurable: true });
  else object[step.responseName] = value;
}

/** Apollo's computeResponse, from the operation's compiled plan. */
export const computeResponse: ComputeResponse = ({ operation, variables, input, introspectionHandling }) => {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const run: Run = {
    schema,
    // No prototype: a variable named like an Object.prototype property is only what the request gave.
    variables: Object.assign(Object.create(null) as Record<string, unknown>, operation.collectDefaultedVariableValues(), variables),
    errors: [],
    introspectionHandling,
    path: [],
    invalid: false,
    hasErrors: false,
  };
  const data: Record<string, unknown> = {};
  const ok = applySteps(planOf(operation.selectionSet), input, data, run, schema.schemaDefinition.rootType(operation.rootKind)!);
  return { data: ok ? data : null, errors: run.errors };
};

/** Fills `output` from `input` by `steps`; false when a non-null field came out null (the object becomes null). */
function applySteps(
  steps: Step[],
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  run: Run,
  parentType: CompositeType,
): boolean {
  let apply = appliers.get(steps);
  if (!apply) appliers.set(steps, (apply = compileSteps(steps, SHAPING_PARTS)));
  return apply(input, output, run, parentType);
}

const appliers = new WeakMap<Step[], StepsApplier<Run, CompositeType>>();

/** A step the compiled code handles itself (shaping-code.ts), else undefined. */
function fastStepOf(step: Step): FastStep<Step, CompositeType> {
  if (!step.field || step.prototypeName || step.skip !== undefined || step.include !== undefined || step.introspection || step.typename) {
    return undefined;
  }
  if (step.plainLeaf) return { kind: 'leaf', responseName: step.responseName, check: step.isValid! };
  const type = nullableOf(step.type);
  if (!step.selections || !isCompositeType(type)) return undefined;
  return { kind: 'object', responseName: step.responseName, nonNull: isNonNullType(step.type), type, steps: step.selections };
}

/** As shapeValue reads an object's __typename: the type to shape it as, or undefined for the generic path (which reports it). */
function objectTypeOf(object: Record<string, unknown>, fieldType: CompositeType, run: Run): CompositeType | undefined {
  const typename = object[TYPENAME];
  if (typename === undefined || typename === '') return fieldType;
  if (typeof typename !== 'string') return undefined;
  const named = typeNamed(run.schema, typename);
  return named !== undefined && isCompositeType(named) ? named : undefined;
}

const SHAPING_PARTS: ShapingParts<Step, Run, CompositeType> = { fastStep: fastStepOf, applyStep, applySteps, objectTypeOf };

/** One step of applySteps, every case; false when the object becomes null. */
function applyStep(
  step: Step,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  run: Run,
  parentType: CompositeType,
): boolean {
  if ((step.skip !== undefined || step.include !== undefined) && skipped(step, run.variables)) return true;
  if (!step.field) {
    const typename = input[TYPENAME];
    assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${String(typename)}`);
    if (typeConditionApplies(run.schema, step.typeCondition, typename as string | undefined, parentType)) {
      return applySteps(step.selections, input, output, run, step.typeCondition ?? parentType);
    }
    return true;
  }
  const outputValue = read(output, step);
  if (step.introspection) {
    if (outputValue === undefined) write(output, step, run.introspectionHandling(step.selection));
    return true;
  }
  let inputValue = read(input, step) ?? null;
  if (step.typename) {
    if (outputValue === undefined) {
      if (inputValue === null && step.responseName !== TYPENAME) inputValue = input[TYPENAME] ?? null;
      const type = typeof inputValue === 'string' ? (typeNamed(run.schema, inputValue) ?? parentType) : parentType;
      if (!isObjectType(type)) return false;
      write(output, step, type.name);
    }
    return true;
  }
  run.path.push(step.responseName);
  write(output, step, shapeValue(outputValue, step.type, inputValue, step.selections, step.isValid, run, parentType));
  run.path.pop();
  return !run.invalid;
}

const typesBySchema = new WeakMap<Schema, Map<string, NamedType>>();

/**
 * schema.type(name), remembered for the names found: asked for each object of an answer that
 * carries its __typename. A name the schema lacks is asked again each time (a subgraph's unknown
 * __typename must not grow the map).
 */
function typeNamed(schema: Schema, name: string): NamedType | undefined {
  let types = typesBySchema.get(schema);
  if (!types) typesBySchema.set(schema, (types = new Map()));
  let type = types.get(name);
  if (type === undefined) {
    type = schema.type(name);
    if (type !== undefined) types.set(name, type);
  }
  return type;
}

function typeConditionApplies(
  schema: Schema,
  typeCondition: CompositeType | undefined,
  typename: string | undefined,
  parentType: CompositeType,
): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = typeNamed(schema, typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

/**
 * The shaped value of one field or list element; sets run.invalid (a non-null value came out null)
 * and run.hasErrors as Apollo's updateOutputValue returns them.
 */
function shapeValue(
  outputValue: unknown,
  type: Type,
  inputValue: unknown,
  steps: Step[] | undefined,
  isValid: LeafCheck | undefined,
  run: Run,
  parentType: CompositeType,
): unknown {
  run.invalid = false;
  run.hasErrors = false;
  if (outputValue === null || (outputValue !== undefined && !steps)) return outputValue;
  if (isNonNullType(type)) {
    const shaped = shapeValue(outputValue, type.ofType, inputValue, steps, isValid, run, parentType);
    if (shaped !== null) {
      run.invalid = false;
      run.hasErrors = false;
      return shaped;
    }
    if (!run.hasErrors) {
      run.errors.push(
        ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(run.path, type.ofType, parentType)}.`, {
          path: Array.from(run.path),
        }),
      );
    }
    run.invalid = true;
    run.hasErrors = true;
    return null;
  }
  if (inputValue === null) return null;
  if (isListType(type)) {
    assert(Array.isArray(inputValue), () => `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type}`);
    assert(
      outputValue === undefined || Array.isArray(outputValue),
      () => `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${type}`,
    );
    const inputs = inputValue as unknown[];
    const outputs = outputValue as unknown[] | undefined;
    assert(
      outputs === undefined || inputs.length === outputs.length,
      () => `[${inputs}].length (${inputs.length}) !== [${outputs}].length (${outputs!.length})`,
    );
    const shapedList = new Array<unknown>(inputs.length);
    let nullify = false;
    let hasErrors = false;
    for (let index = 0; index < inputs.length; index++) {
      run.path.push(index);
      shapedList[index] = shapeValue(outputs?.[index], type.ofType, inputs[index], steps, isValid, run, parentType);
      run.path.pop();
      nullify ||= run.invalid;
      hasErrors ||= run.hasErrors;
    }
    run.invalid = false;
    run.hasErrors = hasErrors;
    return nullify ? null : shapedList;
  }
  if (isCompositeType(type)) {
    assert(steps, () => `Invalid empty selection set for composite type ${type}`);
    assert(
      typeof inputValue === 'object',
      () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type}`,
    );
    assert(
      outputValue === undefined || typeof outputValue === 'object',
      () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type}`,
    );
    const object = inputValue as Record<string, unknown>;
    const typename = object[TYPENAME];
    assert(
      typename === undefined || typeof typename === 'string',
      () => `Invalid non-string value ${String(typename)} for __typename at ${run.path}`,
    );
    let objectType: CompositeType = type;
    if (typename) {
      const named = typeNamed(run.schema, typename);
      if (!named || !isCompositeType(named)) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(run.path, type, parentType)}.`, {
            path: Array.from(run.path),
          }),
        );
        run.hasErrors = true;
        return null;
      }
      objectType = named;
    }
    const shaped = (outputValue as Record<string, unknown> | undefined) ?? {};
    const ok = applySteps(steps, object, shaped, run, objectType);
    run.invalid = false;
    run.hasErrors = !ok;
    return ok ? shaped : null;
  }
  assert(outputValue === undefined, () => `Excepted output to be undefined but got ${type} for type ${type}`);
  if (isValid!(inputValue)) return inputValue;
  run.errors.push(
    ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(run.path, type, parentType)}.`, { path: Array.from(run.path) }),
  );
  run.hasErrors = true;
  return null;
}

// As federation-internals writes an integer (values.js).
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const finite = (value: unknown): value is number => typeof value === 'number' && isFinite(value);
/** A safe integer's text always matches INTEGER: only others are written out and tested. */
const integer = (value: unknown): boolean => Number.isSafeInteger(value) || (finite(value) && INTEGER.test(String(value)));

function nullableOf(type: Type): Type {
  return isNonNullType(type) ? type.ofType : type;
}

/**
 * federation-internals' isValidLeafValue for one type, decided once: which JavaScript values an
 * enum, a built-in scalar or a custom scalar (anything) allows in an answer.
 */
function leafCheckOf(type: ReturnType<typeof baseType>): LeafCheck {
  if (isCustomScalarType(type)) return () => true;
  if (isEnumType(type)) return (value) => typeof value === 'string' && type.value(value) !== undefined;
  switch (type.name) {
    case 'Boolean':
      return (value) => typeof value === 'boolean';
    case 'Int':
      return integer;
    case 'ID':
      return (value) => typeof value === 'string' || integer(value);
    case 'Float':
      return finite;
    default:
      return (value) => typeof value === 'string';
  }
}

function describeLast(path: ReadonlyArray<string | number>, currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

const APOLLOS = Symbol.for('govcloud.resultShaping.apollo');

type ShapingModule = { computeResponse: ComputeResponse; [APOLLOS]?: ComputeResponse };

function shapingModule(): ShapingModule {
  return gatewayRequire('./resultShaping.js') as ShapingModule;
}

/** Apollo Gateway's own computeResponse, installed over or not. */
export function apolloComputeResponse(): ComputeResponse {
  const shaping = shapingModule();
  return shaping[APOLLOS] ?? shaping.computeResponse;
}

/**
 * Makes Apollo Gateway's plan execution shape answers with `computeResponse` above (`compiled`),
 * or with its own again: its module calls the export by name at each request, so setting the
 * export is enough, whenever it runs. One setting per process, as the module is one.
 */
export function useResultShaping(compiled: boolean): void {
  const shaping = shapingModule();
  if (!shaping[APOLLOS]) Object.defineProperty(shaping, APOLLOS, { value: shaping.computeResponse });
  shaping.computeResponse = compiled ? computeResponse : shaping[APOLLOS]!;
}

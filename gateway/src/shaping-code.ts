// Result shaping's loop over one selection set, compiled into a function of its own (issue 14).
// The generic loop (result-shaping.ts applyStep) reads and writes each field by a name held in a
// variable: V8 then looks every access up in its megamorphic cache, and a county page of 50 rows
// spent most of its shaping in those lookups and in the calls around each value. Here a plain leaf
// (a scalar or enum, not a list, not __typename, no @skip or @include) and a plain object field
// (the same, of an object, interface or union type) are read and written by a name written into
// the code, so each access sees the one shape of object the rows share. Anything else, and any
// value that is null, missing, refused or of the wrong kind, goes through the generic step, which
// reports and nulls as Apollo Gateway does.
//
// The code holds only step indexes and response names, each name written as a JSON string literal:
// a GraphQL name ([_A-Za-z][_0-9A-Za-z]*) could not break out of one even if it tried.

/** Whether a value is one a leaf's type allows in an answer. */
export type LeafCheck = (value: unknown) => boolean;

type Data = Record<string, unknown>;

/** What shaping keeps of one request: the path so far and the flags shapeValue leaves (result-shaping.ts Run). */
export interface ShapingRun {
  path: Array<string | number>;
  invalid: boolean;
  hasErrors: boolean;
}

/** Fills `output` from `input` by one selection set's steps; false when the object must become null. */
export type StepsApplier<R, P> = (input: Data, output: Data, run: R, parentType: P) => boolean;

/** A step the compiled code handles itself, or undefined for the generic step. */
export type FastStep<S, P> =
  | { kind: 'leaf'; responseName: string; check: LeafCheck }
  | { kind: 'object'; responseName: string; nonNull: boolean; type: P; steps: S[] }
  | undefined;

export interface ShapingParts<S, R extends ShapingRun, P> {
  fastStep: (step: S) => FastStep<S, P>;
  /** Every case of one step (result-shaping.ts applyStep). */
  applyStep: (step: S, input: Data, output: Data, run: R, parentType: P) => boolean;
  /** A selection set's steps (result-shaping.ts applySteps, compiled). */
  applySteps: (steps: S[], input: Data, output: Data, run: R, parentType: P) => boolean;
  /** The type an object is shaped as: its field's without a __typename, the one it names, undefined when that is not a composite type. */
  objectTypeOf: (object: Data, fieldType: P, run: R) => P | undefined;
}

/** The steps as one function (see above). */
export function compileSteps<S, R extends ShapingRun, P>(steps: readonly S[], parts: ShapingParts<S, R, P>): StepsApplier<R, P> {
  const fast = steps.map(parts.fastStep);
  const prologue: string[] = [];
  const body: string[] = [];
  fast.forEach((step, k) => {
    const generic = `if (!applyStep(step${k}, input, output, run, parentType)) return false;`;
    prologue.push(`const step${k} = steps[${k}];`);
    if (step === undefined) {
      body.push(generic);
      return;
    }
    const name = JSON.stringify(step.responseName);
    body.push(`value = input[${name}];`);
    if (step.kind === 'leaf') {
      prologue.push(`const check${k} = fast[${k}].check;`);
      body.push(`if (value !== undefined && value !== null && output[${name}] === undefined && check${k}(value)) output[${name}] = value;`);
    } else {
      // As shapeValue for a (non-null) composite: the object shaped, or null and the flags it leaves.
      prologue.push(`const object${k} = fast[${k}];`);
      body.push(
        `if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value) && output[${name}] === undefined` +
          ` && (type = objectTypeOf(value, object${k}.type, run)) !== undefined) {`,
        `  const shaped = {};`,
        `  run.path.push(${name});`,
        `  const ok = applySteps(object${k}.steps, value, shaped, run, type);`,
        `  run.path.pop();`,
        `  output[${name}] = ok ? shaped : null;`,
        `  run.hasErrors = !ok;`,
        `  run.invalid = !ok && ${String(step.nonNull)};`,
        `  if (run.invalid) return false;`,
        `}`,
      );
    }
    body.push(`else ${generic}`);
  });
  const source = [
    "'use strict';",
    ...prologue,
    'return function applyCompiledSteps(input, output, run, parentType) {',
    '  let value;',
    '  let type;',
    ...body.map((line) => `  ${line}`),
    '  return true;',
    '};',
  ].join('\n');
  // Built above from indexes, booleans and JSON-quoted names only.
  const factory = new Function('steps', 'fast', 'applyStep', 'applySteps', 'objectTypeOf', source) as (
    steps: readonly S[],
    fast: ReadonlyArray<FastStep<S, P>>,
    applyStep: ShapingParts<S, R, P>['applyStep'],
    applySteps: ShapingParts<S, R, P>['applySteps'],
    objectTypeOf: ShapingParts<S, R, P>['objectTypeOf'],
  ) => StepsApplier<R, P>;
  return factory(steps, fast, parts.applyStep, parts.applySteps, parts.objectTypeOf);
}

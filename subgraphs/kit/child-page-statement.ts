import type { ObjectLiteral } from 'typeorm';
import type { ChildConnectionOptions } from './child-connection';

/** Tells a test each child connection made (its options), so one test can EXPLAIN every caller's page. */
export const childPageLoaders: { created?: (options: ChildConnectionOptions<ObjectLiteral>) => void } = {};

/** The parent ids a child page statement walks: `unnest(:childParents)` named `child_parent(parent_id)`. */
export const CHILD_PARENTS = 'childParents';

/**
 * The ids on one page of each parent's children (issue 14): `unnest(parent ids) CROSS JOIN LATERAL
 * (the scoped children of that parent after the cursor ORDER BY sort, id LIMIT size + 1)`, so
 * PostgreSQL walks the (parent, sort, id) index of each parent for at most `size + 1` rows instead
 * of ranking every child of the batch, and counts each parent's children once (`count(*)` on the
 * same index). Selects `child_id`, `child_parent` (text) and `child_total`;
 * the parent ids are bound as `:childParents`.
 */
export function childPageStatement<T extends ObjectLiteral>(
  options: ChildConnectionOptions<T>,
  size: number,
  cursor: [sortValue: string, id: string] | null,
): { sql: string; parameters: Record<string, unknown> } {
  const direction = options.direction ?? 'ASC';
  const sort = indexedKey(options, options.sortExpression);
  const id = indexedKey(options, `${options.alias}.id::text`);
  const children = options
    .query()
    .select(`${options.alias}.id`, 'child_id')
    .andWhere(`${parentOf(options)} = child_parent.parent_id`);
  if (cursor) {
    children.andWhere(
      `(${sort.expression}, ${id.expression}) ${direction === 'ASC' ? '>' : '<'} (${sort.parameter('childSort')}, ${id.parameter('childId')})`,
      {
        childSort: cursor[0],
        childId: cursor[1],
      },
    );
  }
  children
    .orderBy(sort.expression, direction)
    .addOrderBy(id.expression, direction)
    .limit(size + 1);
  // The parent's count walks the same index (its parent prefix), once per parent: behind OFFSET 0
  // (the planner keeps such a subquery whole), not as a LATERAL the planner may join after the
  // page's rows and run once per child, 51 counts of 5,000 rows for one provider's page.
  const total = options
    .query()
    .select('count(*)', 'child_total')
    .andWhere(`${parentOf(options)} = child_parent.parent_id`);
  const parents =
    `SELECT child_parent.parent_id, (${total.getQuery()}) AS child_total ` +
    `FROM unnest(CAST(:${CHILD_PARENTS} AS ${parentType(options)}[])) AS child_parent(parent_id) OFFSET 0`;
  const sql =
    `SELECT child_lateral.child_id, child_parent.parent_id::text AS child_parent, child_parent.child_total FROM (${parents}) child_parent ` +
    `CROSS JOIN LATERAL (${children.getQuery()}) child_lateral`;
  return { sql, parameters: { ...total.getParameters(), ...children.getParameters() } };
}

/** The parent column with its alias: the children's own (`provider_id`) or a joined table's (`link.system_id`). */
export function parentOf<T extends ObjectLiteral>(options: ChildConnectionOptions<T>): string {
  return options.parentColumn.includes('.') ? options.parentColumn : `${options.alias}.${options.parentColumn}`;
}

/** The SQL type of the parent column, so the parameter compares without a cast on the column (the index stays usable). */
function parentType<T extends ObjectLiteral>(options: ChildConnectionOptions<T>): string {
  const [alias, name] = parentOf(options).split('.') as [string, string];
  const metadata = options.query().expressionMap.findAliasByName(alias).metadata;
  const column = metadata.findColumnWithDatabaseName(name);
  return column?.type === 'uuid' ? 'uuid' : 'text';
}

/** Column types whose own order is the order of their text (ISO dates, uuids in hex; text and varchar are their text). */
const ORDERED_AS_TEXT = new Set(['date', 'uuid', 'varchar', 'character varying', 'text', String]);

/**
 * The key a page orders and compares by, as the index holds it: `alias.column::text` of a column
 * whose order is its text's becomes the column itself (the cursor's text cast to its type), so
 * PostgreSQL walks a (parent, column, id) index; any other expression stays as it is.
 */
function indexedKey<T extends ObjectLiteral>(
  options: ChildConnectionOptions<T>,
  expression: string,
): { expression: string; parameter: (name: string) => string } {
  const match = new RegExp(`^${options.alias}\\.(\\w+)::text$`).exec(expression.trim());
  const column = match ? options.query().expressionMap.mainAlias?.metadata.findColumnWithDatabaseName(match[1]!) : undefined;
  if (!match || !column || !ORDERED_AS_TEXT.has(column.type as string)) return { expression, parameter: (name) => `:${name}` };
  const type = column.type === String ? 'text' : String(column.type);
  return { expression: `${options.alias}.${match[1]}`, parameter: (name) => `CAST(:${name} AS ${type})` };
}

// Table privileges a migration narrows after the owner's default privileges granted them (see
// kit/database-roles.ts), without naming the service role: whatever role DATABASE_URL logs in as.
import pg from 'pg';

export type WritePrivilege = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';

/**
 * Revokes `privileges` on `qualifiedTable` from every role its privileges name but its owner
 * (the service role, and PUBLIC): for an append-only table, `['UPDATE', 'DELETE', 'TRUNCATE']`.
 * Idempotent; does nothing when the current role does not own the table. In a migration:
 * `await revokeFromOthers((sql) => queryRunner.query(sql), '"applications"."audit_entry"', [...])`.
 */
export async function revokeFromOthers(
  run: (sql: string) => Promise<unknown>,
  qualifiedTable: string,
  privileges: readonly WritePrivilege[],
): Promise<void> {
  const table = pg.escapeLiteral(qualifiedTable);
  const wanted = `ARRAY[${privileges.map((privilege) => pg.escapeLiteral(privilege)).join(', ')}]::text[]`;
  await run(`DO $revoke$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid = ${table}::regclass AND a.grantee <> c.relowner AND pg_has_role(c.relowner, 'USAGE')
       AND a.privilege_type = ANY (${wanted})
  LOOP
    EXECUTE format('REVOKE ${privileges.join(', ')} ON %s FROM %s', ${table}, grantee);
  END LOOP;
END $revoke$`);
}

/** Leaves only reading to every role but the owner, as for the migrations records the services read. */
export function revokeWritesFromOthers(run: (sql: string) => Promise<unknown>, qualifiedTable: string): Promise<void> {
  return revokeFromOthers(run, qualifiedTable, ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']);
}

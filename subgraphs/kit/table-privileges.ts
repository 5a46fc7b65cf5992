// Table privileges the migrations narrow after default privileges granted them (see
// kit/database-roles.ts): a table the services may read but never rewrite.
import pg from 'pg';

/**
 * Leaves only reading to every role but the table's owner: `REVOKE INSERT, UPDATE, DELETE, TRUNCATE`
 * from each role the table's privileges name (the service role, whatever its name). For tables the
 * services must not write, such as the migrations records; idempotent, and nothing when there is
 * no one to revoke from, or when the current role does not own the table.
 */
export async function revokeWritesFromOthers(run: (sql: string) => Promise<unknown>, qualifiedTable: string): Promise<void> {
  await run(`DO $revoke$
DECLARE
  grantee text;
BEGIN
  FOR grantee IN
    SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid = ${pg.escapeLiteral(qualifiedTable)}::regclass AND a.grantee <> c.relowner AND pg_has_role(c.relowner, 'USAGE')
       AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
  LOOP
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %s FROM %s', ${pg.escapeLiteral(qualifiedTable)}, grantee);
  END LOOP;
END $revoke$`);
}

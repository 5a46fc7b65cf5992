// Hands a database that an earlier single-role setup (one superuser URL) migrated over to the two
// roles of kit/database-roles.ts, run by the admin that prepares the database.
import pg from 'pg';

const literal = (value: string) => pg.escapeLiteral(value);

/**
 * Schemas (and what is in them) that belong to another role, as a database first run with one
 * superuser URL left them, go to the owner; the service role gets on them what default privileges
 * give it on new objects. Nothing happens to a schema the owner already owns entirely, so a later
 * REVOKE (say on an append-only audit table) is never undone.
 */
export function handOverSchemasSql(schemas: readonly string[], owner: string, service: string, tablePrivileges: string): string {
  const names = `ARRAY[${schemas.map(literal).join(', ')}]::text[]`;
  return `DO $handover$
DECLARE
  target regrole := ${literal(owner)}::regrole;
  s text;
  item record;
BEGIN
  FOREACH s IN ARRAY ${names} LOOP
    CONTINUE WHEN to_regnamespace(quote_ident(s)) IS NULL;
    CONTINUE WHEN (SELECT nspowner FROM pg_namespace WHERE nspname = s) = target
      AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = to_regnamespace(quote_ident(s)) AND relowner <> target)
      AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = to_regnamespace(quote_ident(s)) AND proowner <> target);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %s', s, target);
    FOR item IN
      SELECT c.relname, c.relkind FROM pg_class c
       WHERE c.relnamespace = to_regnamespace(quote_ident(s)) AND c.relowner <> target AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         -- a table's own sequences and row type follow the table
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
    LOOP
      EXECUTE format('ALTER TABLE %I.%I OWNER TO %s', s, item.relname, target);
    END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS routine FROM pg_proc p WHERE p.pronamespace = to_regnamespace(quote_ident(s)) AND p.proowner <> target LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO %s', item.routine, target);
    END LOOP;
    -- enums, domains and stand-alone composite types (a table's row type follows the table)
    FOR item IN
      SELECT t.typname FROM pg_type t LEFT JOIN pg_class r ON r.oid = t.typrelid
       WHERE t.typnamespace = to_regnamespace(quote_ident(s)) AND t.typowner <> target
         AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
    LOOP
      EXECUTE format('ALTER TYPE %I.%I OWNER TO %s', s, item.typname, target);
    END LOOP;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, ${literal(service)});
    EXECUTE format('GRANT ${tablePrivileges} ON ALL TABLES IN SCHEMA %I TO %I', s, ${literal(service)});
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, ${literal(service)});
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, ${literal(service)});
  END LOOP;
END $handover$`;
}

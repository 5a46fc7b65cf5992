// The audit trail's table in a subgraph's schema: append-only and hash-chained by triggers, so the
// services' database role can add entries but never change, remove or reorder them unnoticed.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hash before the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The text an entry's hash is taken over, in SQL: every field length-prefixed (`<bytes>:<text>`,
 * `-` for null), the target ids counted first, so no value can pass for a field boundary.
 * `audit-verify.ts` builds the same text in TypeScript, so the check does not trust the
 * database's own function.
 */
function canonicalTextSql(schema: string, row: string): string {
  const field = (expression: string) => `"${schema}"."audit_field"(${expression})`;
  return [
    field(`${row}.prev_hash`),
    field(`${row}.seq::text`),
    field(`to_char(${row}.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`),
    field(`${row}.request_id`),
    field(`${row}.subject`),
    field(`${row}.role`),
    field(`${row}.scope`),
    field(`${row}.operation`),
    field(`cardinality(${row}.target_ids)::text`),
    `coalesce((SELECT string_agg(${field('t.id')}, '' ORDER BY t.n) FROM unnest(${row}.target_ids) WITH ORDINALITY AS t(id, n)), '')`,
    field(`${row}.outcome`),
    field(`${row}.error_code`),
    field(`${row}.rule`),
  ].join(' || ');
}

/** The migration that adds the audit trail to `schema`; every subgraph's data source runs it (kit/data-source.ts). */
export function auditTrailMigration(schema: string): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class AuditTrail1796256000000 implements MigrationInterface {
    name = 'AuditTrail1796256000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE ${s}."audit_entry" (
          "seq" bigint NOT NULL,
          "recorded_at" timestamptz NOT NULL,
          "request_id" text NOT NULL,
          "subject" text NOT NULL,
          "role" text NOT NULL,
          "scope" text NOT NULL,
          "operation" text NOT NULL,
          "target_ids" text array NOT NULL,
          "outcome" text NOT NULL,
          "error_code" text,
          "rule" text,
          "prev_hash" text NOT NULL,
          "hash" text NOT NULL,
          CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("seq"),
          CONSTRAINT "audit_entry_outcome_check" CHECK ("outcome" IN ('SUCCEEDED', 'REFUSED', 'FAILED')),
          CONSTRAINT "audit_entry_target_ids_check" CHECK (array_position("target_ids", NULL) IS NULL AND coalesce(array_ndims("target_ids"), 1) = 1)
        )`);
      await queryRunner.query(`CREATE INDEX "audit_entry_recorded_at_idx" ON ${s}."audit_entry" ("recorded_at")`);
      await queryRunner.query(`CREATE INDEX "audit_entry_operation_idx" ON ${s}."audit_entry" ("operation", "seq")`);
      await queryRunner.query(`CREATE INDEX "audit_entry_subject_idx" ON ${s}."audit_entry" ("subject", "seq")`);
      await queryRunner.query(`CREATE INDEX "audit_entry_target_ids_idx" ON ${s}."audit_entry" USING gin ("target_ids")`);
      // The head of the chain: the last number and hash. Its lock orders concurrent appends.
      await queryRunner.query(`
        CREATE TABLE ${s}."audit_chain_head" (
          "only_row" boolean PRIMARY KEY DEFAULT true CHECK ("only_row"),
          "seq" bigint NOT NULL,
          "hash" text NOT NULL
        )`);
      await queryRunner.query(`INSERT INTO ${s}."audit_chain_head" ("seq", "hash") VALUES (0, '${AUDIT_GENESIS_HASH}')`);
      await queryRunner.query(`
        CREATE FUNCTION ${s}."audit_field"(value text) RETURNS text
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
          SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
        $$`);
      // SECURITY DEFINER: runs as the schema's owner, so the services' role need not (and may not) write
      // the head. It serves this table's trigger only: no one may call it, and another table's trigger is refused.
      await queryRunner.query(`
        CREATE FUNCTION ${s}."audit_entry_append"() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
          head record;
        BEGIN
          IF TG_RELID <> '${s}."audit_entry"'::regclass THEN
            RAISE EXCEPTION 'audit_entry_append serves ${schema}.audit_entry only' USING ERRCODE = '42501';
          END IF;
          SELECT "seq", "hash" INTO head FROM ${s}."audit_chain_head" FOR UPDATE;
          NEW.seq := head.seq + 1;
          -- After the head's lock, so the times follow the numbers.
          NEW.recorded_at := clock_timestamp();
          NEW.prev_hash := head.hash;
          NEW.hash := encode(sha256(convert_to(${canonicalTextSql(schema, 'NEW')}, 'UTF8')), 'hex');
          UPDATE ${s}."audit_chain_head" SET "seq" = NEW.seq, "hash" = NEW.hash;
          RETURN NEW;
        END $$`);
      await queryRunner.query(`
        CREATE FUNCTION ${s}."audit_entry_refuse_change"() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '审计记录只能追加，不能修改或删除 (the audit trail is append-only)' USING ERRCODE = '42501';
        END $$`);
      await queryRunner.query(`
        CREATE TRIGGER "audit_entry_append" BEFORE INSERT ON ${s}."audit_entry"
        FOR EACH ROW EXECUTE FUNCTION ${s}."audit_entry_append"()`);
      await queryRunner.query(`
        CREATE TRIGGER "audit_entry_refuse_change" BEFORE UPDATE OR DELETE ON ${s}."audit_entry"
        FOR EACH ROW EXECUTE FUNCTION ${s}."audit_entry_refuse_change"()`);
      await queryRunner.query(`
        CREATE TRIGGER "audit_entry_refuse_truncate" BEFORE TRUNCATE ON ${s}."audit_entry"
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}."audit_entry_refuse_change"()`);
      await queryRunner.query(`REVOKE EXECUTE ON FUNCTION ${s}."audit_entry_append"(), ${s}."audit_entry_refuse_change"() FROM PUBLIC`);
      await queryRunner.query(restrictAuditPrivilegesSql(schema));
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${s}."audit_entry"`);
      await queryRunner.query(`DROP TABLE ${s}."audit_chain_head"`);
      await queryRunner.query(`DROP FUNCTION ${s}."audit_entry_append"()`);
      await queryRunner.query(`DROP FUNCTION ${s}."audit_entry_refuse_change"()`);
      await queryRunner.query(`DROP FUNCTION ${s}."audit_field"(text)`);
    }
  };
}

/**
 * Takes back from every role but the owner what default privileges may have granted on the
 * audit tables: others may read and append entries, never change them or the chain's head.
 * Run again after any blanket GRANT on the schema's tables.
 */
export function restrictAuditPrivilegesSql(schema: string): string {
  return `
    DO $$
    DECLARE grantee text;
    BEGIN
      FOR grantee IN
        SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
        WHERE g.table_schema = '${schema}' AND g.table_name IN ('audit_entry', 'audit_chain_head')
          AND g.grantee <> current_user AND g.grantee <> 'PUBLIC'
      LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "${schema}"."audit_entry" FROM %I', grantee);
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "${schema}"."audit_chain_head" FROM %I', grantee);
      END LOOP;
    END $$`;
}

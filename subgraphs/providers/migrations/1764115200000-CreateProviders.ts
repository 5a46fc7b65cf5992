import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The providers subgraph's tables (第六条至第九条): providers, service items, the basic and
 * supplementary catalogs with cap history, agreements and exits. Every constraint is named as in
 * the entities, so TypeORM's schema diff stays empty.
 */
export class CreateProviders1764115200000 implements MigrationInterface {
  name = 'CreateProviders1764115200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "providers"."provider" (
        "id" uuid NOT NULL,
        "code" varchar(32) NOT NULL,
        "name" varchar(100) NOT NULL,
        "short_name" varchar(50) NOT NULL,
        "unified_social_credit_code" char(18) NOT NULL,
        "platform_name" varchar(100) NOT NULL,
        "platform_location" varchar(200) NOT NULL,
        "status" varchar(16) NOT NULL,
        "designated_on" date,
        "platform_mlps_level" smallint,
        "platform_mlps_certificate_no" varchar(64),
        "platform_mlps_filed_on" date,
        "cybersecurity_review_passed_on" date,
        "platform_in_binzhou" boolean NOT NULL,
        "qualification_valid_until" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "provider_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_code_key" UNIQUE ("code"),
        CONSTRAINT "provider_unified_social_credit_code_key" UNIQUE ("unified_social_credit_code"),
        CONSTRAINT "provider_status_check" CHECK ("status" IN ('CANDIDATE', 'DESIGNATED', 'RECTIFYING', 'EXITING', 'EXITED')),
        CONSTRAINT "provider_platform_mlps_level_check" CHECK ("platform_mlps_level" BETWEEN 1 AND 4)
      )`);
    await runner.query(`CREATE INDEX "provider_status_idx" ON "providers"."provider" ("status")`);

    await runner.query(`
      CREATE TABLE "providers"."service_item" (
        "id" uuid NOT NULL,
        "code" varchar(40) NOT NULL,
        "name" varchar(100) NOT NULL,
        "category" varchar(16) NOT NULL,
        "billing_unit" varchar(20) NOT NULL,
        "description" text NOT NULL,
        "v_cpu" integer,
        "memory_gb" integer,
        "storage_gb" integer,
        "reference_cap_yuan" numeric(12,2),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "service_item_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "service_item_code_key" UNIQUE ("code"),
        CONSTRAINT "service_item_category_check" CHECK ("category" IN ('COMPUTE', 'STORAGE', 'DATABASE', 'NETWORK', 'SECURITY', 'MIDDLEWARE', 'OTHER')),
        CONSTRAINT "service_item_reference_cap_yuan_check" CHECK ("reference_cap_yuan" > 0)
      )`);
    await runner.query(`CREATE INDEX "service_item_category_idx" ON "providers"."service_item" ("category")`);

    // CATALOG_CAP is also a table constraint: no code path can store a listed price above the cap.
    await runner.query(`
      CREATE TABLE "providers"."basic_catalog_entry" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "service_item_code" varchar(40) NOT NULL,
        "price_cap_yuan" numeric(12,2) NOT NULL,
        "listed_price_yuan" numeric(12,2) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "basic_catalog_entry_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "basic_catalog_entry_provider_item_key" UNIQUE ("provider_id", "service_item_code"),
        CONSTRAINT "basic_catalog_entry_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "basic_catalog_entry_service_item_code_fkey" FOREIGN KEY ("service_item_code") REFERENCES "providers"."service_item" ("code") ON DELETE RESTRICT,
        CONSTRAINT "basic_catalog_entry_price_cap_yuan_check" CHECK ("price_cap_yuan" > 0),
        CONSTRAINT "basic_catalog_entry_listed_price_yuan_check" CHECK ("listed_price_yuan" >= 0),
        CONSTRAINT "basic_catalog_entry_listed_within_cap" CHECK ("listed_price_yuan" <= "price_cap_yuan")
      )`);
    await runner.query(
      `CREATE INDEX "basic_catalog_entry_service_item_code_idx" ON "providers"."basic_catalog_entry" ("service_item_code")`,
    );

    await runner.query(`
      CREATE TABLE "providers"."price_cap_change" (
        "id" uuid NOT NULL,
        "entry_id" uuid NOT NULL,
        "previous_cap_yuan" numeric(12,2),
        "new_cap_yuan" numeric(12,2) NOT NULL,
        "source" varchar(20) NOT NULL,
        "source_reference" varchar(100),
        "reason" varchar(500),
        "changed_at" timestamptz NOT NULL,
        "changed_by" varchar(100) NOT NULL,
        CONSTRAINT "price_cap_change_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "price_cap_change_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "providers"."basic_catalog_entry" ("id") ON DELETE RESTRICT,
        CONSTRAINT "price_cap_change_new_cap_yuan_check" CHECK ("new_cap_yuan" > 0),
        CONSTRAINT "price_cap_change_source_check" CHECK ("source" IN ('INITIAL_AGREEMENT', 'PROCUREMENT', 'BUREAU_ADJUSTMENT'))
      )`);
    await runner.query(`CREATE INDEX "price_cap_change_entry_id_idx" ON "providers"."price_cap_change" ("entry_id", "changed_at")`);

    await runner.query(`
      CREATE TABLE "providers"."procurement_price" (
        "id" uuid NOT NULL,
        "entry_id" uuid NOT NULL,
        "procurement_reference" varchar(100) NOT NULL,
        "concluded_price_yuan" numeric(12,2) NOT NULL,
        "applied_at" timestamptz NOT NULL,
        "applied_by" varchar(100) NOT NULL,
        CONSTRAINT "procurement_price_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "procurement_price_entry_reference_key" UNIQUE ("entry_id", "procurement_reference"),
        CONSTRAINT "procurement_price_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "providers"."basic_catalog_entry" ("id") ON DELETE RESTRICT,
        CONSTRAINT "procurement_price_concluded_price_yuan_check" CHECK ("concluded_price_yuan" >= 0)
      )`);

    await runner.query(`
      CREATE TABLE "providers"."supplementary_catalog_entry" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "code" varchar(40) NOT NULL,
        "name" varchar(100) NOT NULL,
        "category" varchar(16) NOT NULL,
        "billing_unit" varchar(20) NOT NULL,
        "description" text NOT NULL,
        "listed_price_yuan" numeric(12,2) NOT NULL,
        "filing_status" varchar(16) NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        "submitted_by" varchar(100) NOT NULL,
        "filed_on" date,
        "filed_by" varchar(100),
        "promoted_to_entry_id" uuid,
        CONSTRAINT "supplementary_catalog_entry_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "supplementary_catalog_entry_provider_code_key" UNIQUE ("provider_id", "code"),
        CONSTRAINT "supplementary_catalog_entry_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "supplementary_catalog_entry_promoted_to_entry_id_fkey" FOREIGN KEY ("promoted_to_entry_id") REFERENCES "providers"."basic_catalog_entry" ("id") ON DELETE RESTRICT,
        CONSTRAINT "supplementary_catalog_entry_category_check" CHECK ("category" IN ('COMPUTE', 'STORAGE', 'DATABASE', 'NETWORK', 'SECURITY', 'MIDDLEWARE', 'OTHER')),
        CONSTRAINT "supplementary_catalog_entry_listed_price_yuan_check" CHECK ("listed_price_yuan" >= 0),
        CONSTRAINT "supplementary_catalog_entry_filing_status_check" CHECK ("filing_status" IN ('PENDING', 'FILED', 'PROMOTED', 'WITHDRAWN')),
        CONSTRAINT "supplementary_catalog_entry_promoted_check" CHECK (("filing_status" = 'PROMOTED') = ("promoted_to_entry_id" IS NOT NULL))
      )`);

    await runner.query(`
      CREATE TABLE "providers"."agreement" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "region_code" varchar(6) NOT NULL,
        "number" varchar(64) NOT NULL,
        "signed_on" date NOT NULL,
        "starts_on" date NOT NULL,
        "ends_on" date NOT NULL,
        "status" varchar(12) NOT NULL,
        "city_agreement_id" uuid,
        "test_environment_delivery_days" integer NOT NULL,
        "renewal_terms" text NOT NULL,
        "exit_terms" text NOT NULL,
        "signed_by" varchar(100) NOT NULL,
        "terminated_on" date,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "agreement_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "agreement_region_number_key" UNIQUE ("region_code", "number"),
        CONSTRAINT "agreement_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "agreement_city_agreement_id_fkey" FOREIGN KEY ("city_agreement_id") REFERENCES "providers"."agreement" ("id") ON DELETE RESTRICT,
        CONSTRAINT "agreement_status_check" CHECK ("status" IN ('ACTIVE', 'EXPIRED', 'TERMINATED')),
        CONSTRAINT "agreement_test_environment_delivery_days_check" CHECK ("test_environment_delivery_days" > 0),
        CONSTRAINT "agreement_term_check" CHECK ("ends_on" > "starts_on"),
        CONSTRAINT "agreement_county_has_city_check" CHECK (("region_code" = '371600') = ("city_agreement_id" IS NULL))
      )`);
    await runner.query(`CREATE INDEX "agreement_provider_id_idx" ON "providers"."agreement" ("provider_id")`);
    await runner.query(`CREATE INDEX "agreement_region_code_idx" ON "providers"."agreement" ("region_code")`);
    await runner.query(`CREATE INDEX "agreement_city_agreement_id_idx" ON "providers"."agreement" ("city_agreement_id")`);
    // One agreement in force per county and city agreement.
    await runner.query(
      `CREATE UNIQUE INDEX "agreement_active_county_key" ON "providers"."agreement" ("city_agreement_id", "region_code") WHERE "status" = 'ACTIVE' AND "city_agreement_id" IS NOT NULL`,
    );

    await runner.query(`
      CREATE TABLE "providers"."provider_exit" (
        "id" uuid NOT NULL,
        "provider_id" uuid NOT NULL,
        "reason" varchar(16) NOT NULL,
        "started_on" date NOT NULL,
        "transition_ends_on" date NOT NULL,
        "short_transition_reason" varchar(500),
        "status" varchar(16) NOT NULL,
        "completed_on" date,
        "started_by" varchar(100) NOT NULL,
        "completed_by" varchar(100),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "provider_exit_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "provider_exit_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"."provider" ("id") ON DELETE RESTRICT,
        CONSTRAINT "provider_exit_reason_check" CHECK ("reason" IN ('EXPIRY', 'DISQUALIFIED', 'OTHER')),
        CONSTRAINT "provider_exit_status_check" CHECK ("status" IN ('IN_TRANSITION', 'COMPLETED')),
        CONSTRAINT "provider_exit_transition_check" CHECK ("transition_ends_on" > "started_on"),
        CONSTRAINT "provider_exit_completed_on_check" CHECK (("status" = 'COMPLETED') = ("completed_on" IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX "provider_exit_provider_id_idx" ON "providers"."provider_exit" ("provider_id")`);
    // At most one open exit per provider, even under concurrent requests.
    await runner.query(
      `CREATE UNIQUE INDEX "provider_exit_open_key" ON "providers"."provider_exit" ("provider_id") WHERE "status" = 'IN_TRANSITION'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'provider_exit',
      'agreement',
      'supplementary_catalog_entry',
      'procurement_price',
      'price_cap_change',
      'basic_catalog_entry',
      'service_item',
      'provider',
    ]) {
      await runner.query(`DROP TABLE "providers"."${table}"`);
    }
  }
}

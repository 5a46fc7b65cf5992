import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTrigramExtension } from '../../kit/index-migration';

/**
 * The providers list's search (providers(filter: { search })): a case-insensitive substring of the
 * name, short name or code, served by a trigram GIN index (pg_trgm, a trusted extension, created
 * in `public` so every subgraph's schema can use it); and the name order's index. Down drops the
 * indexes and leaves the extension, which another subgraph's index may use.
 */
export class ProviderSearch1796300600000 implements MigrationInterface {
  name = 'ProviderSearch1796300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTrigramExtension(queryRunner);
    await queryRunner.query(
      `CREATE INDEX "provider_search_trgm" ON "providers"."provider" USING gin ("name" public.gin_trgm_ops, "short_name" public.gin_trgm_ops, "code" public.gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "provider_name_idx" ON "providers"."provider" ("name", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "providers"."provider_name_idx"`);
    await queryRunner.query(`DROP INDEX "providers"."provider_search_trgm"`);
  }
}

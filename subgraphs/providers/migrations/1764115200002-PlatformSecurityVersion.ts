import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of the security subgraph's platform profile last applied to a provider's MLPS and
 * review fields (contracts/platform-security-events.ts); 0 until security has sent one.
 */
export class PlatformSecurityVersion1764115200002 implements MigrationInterface {
  name = 'PlatformSecurityVersion1764115200002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "providers"."provider" ADD "platform_security_version" integer NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "providers"."provider" DROP COLUMN "platform_security_version"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may act (第十八条、第十九条): the centre records inspections with the cybersecurity authority
 * as the bureau does, and the bureau, the centre and the monitoring agency report incidents.
 */
export class CityWideSecurityActors1796256000000 implements MigrationInterface {
  name = 'CityWideSecurityActors1796256000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "security"."security_inspection"
        DROP CONSTRAINT "security_inspection_roles_check",
        ADD CONSTRAINT "security_inspection_roles_check" CHECK ("recorded_by_role" IN ('BUREAU', 'CENTER', 'CYBERSEC') AND "joint_role" IN ('BUREAU', 'CENTER', 'CYBERSEC') AND "recorded_by_role" <> "joint_role" AND 'CYBERSEC' IN ("recorded_by_role", "joint_role"))`);
    await queryRunner.query(`
      ALTER TABLE "security"."security_incident"
        DROP CONSTRAINT "security_incident_reporter_role_check",
        ADD CONSTRAINT "security_incident_reporter_role_check" CHECK ("reporter_role" IN ('PROVIDER', 'USER_UNIT', 'BUREAU', 'CENTER', 'MONITOR'))`);
  }

  // Fails while rows of the new roles exist: they would otherwise be lost silently.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "security"."security_incident"
        DROP CONSTRAINT "security_incident_reporter_role_check",
        ADD CONSTRAINT "security_incident_reporter_role_check" CHECK ("reporter_role" IN ('PROVIDER', 'USER_UNIT'))`);
    await queryRunner.query(`
      ALTER TABLE "security"."security_inspection"
        DROP CONSTRAINT "security_inspection_roles_check",
        ADD CONSTRAINT "security_inspection_roles_check" CHECK ("recorded_by_role" IN ('BUREAU', 'CYBERSEC') AND "joint_role" IN ('BUREAU', 'CYBERSEC') AND "recorded_by_role" <> "joint_role")`);
  }
}

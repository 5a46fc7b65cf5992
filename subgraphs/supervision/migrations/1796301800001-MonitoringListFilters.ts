import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `monitoringDailyFigures(filter: { dayFrom, dayTo })` and `monitoringDaily(filter:)` (第二十四条、第二十五条):
 * the roll-ups' day, which no index of monitoring_daily served alone (system, provider and region have theirs;
 * provider_monitoring_daily has its day index and the provider-day key).
 */
export class MonitoringListFilters1796301800001 implements MigrationInterface {
  name = 'MonitoringListFilters1796301800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "monitoring_daily_day_idx" ON "supervision"."monitoring_daily" ("day")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "supervision"."monitoring_daily_day_idx"`);
  }
}

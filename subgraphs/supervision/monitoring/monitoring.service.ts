import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { requireUuid, wellFormedIds } from '../../kit/ids';
import type { Scope } from '../../kit/principal';
import type { QueryMonitoringDailyArgs } from '../generated/graphql';
import { MonitoringDailyEntity } from './monitoring-daily.entity';
import { filterSystemDays } from './monitoring-list';
import { scopeMonitoring } from './monitoring.scope';
import { requireUtilisationDays, utilisationFromRow, type SystemUtilisation, type UtilisationAggregateRow } from './monitoring.rules';

/** Reads the monitoring agency's daily roll-ups (第二十四条、第二十五条) within one principal's scope. */
export class MonitoringService {
  private readonly repository: Repository<MonitoringDailyEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(MonitoringDailyEntity);
  }

  /** A system's days, oldest first. A system out of scope simply has no visible days. */
  listDaily(args: QueryMonitoringDailyArgs): Promise<Connection<MonitoringDailyEntity>> {
    const query = scopeMonitoring(this.repository.createQueryBuilder('daily'), this.scope, 'daily').andWhere(
      'daily.system_id = :systemId',
      {
        systemId: requireUuid(args.systemId, 'systemId'),
      },
    );
    if (args.filter != null) filterSystemDays(query, args.filter);
    return paginateQuery(query, args, { alias: 'daily', sortColumn: 'day', sortValueOf: (daily) => daily.day });
  }

  /**
   * Utilisation of many systems in one statement: for each, the `days` calendar days ending on its
   * latest monitored day, averaged. Ending on the latest day rather than today keeps a delayed
   * feed from reading as an idle system; `toDate` shows how fresh the figures are.
   */
  async utilisationBySystemIds(systemIds: readonly string[], days: number): Promise<SystemUtilisation[]> {
    requireUtilisationDays(days);
    const valid = wellFormedIds(systemIds);
    if (valid.length === 0) return [];
    const windowed = scopeMonitoring(
      this.repository
        .createQueryBuilder('daily')
        .select('daily.*')
        .addSelect('max(daily.day) OVER (PARTITION BY daily.system_id)', 'last_day')
        .where('daily.system_id = ANY(:systemIds)', { systemIds: valid }),
      this.scope,
      'daily',
    );
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('w.system_id', 'system_id')
      .addSelect('min(w.day)::text', 'from_date')
      .addSelect('max(w.day)::text', 'to_date')
      .addSelect('count(*)', 'days_with_data')
      .addSelect('avg(w.cpu_avg_percent)', 'cpu_avg_percent')
      .addSelect('avg(w.cpu_p95_percent)', 'cpu_p95_percent')
      .addSelect('avg(w.memory_avg_percent)', 'memory_avg_percent')
      .addSelect('avg(w.storage_used_gb)', 'storage_used_gb')
      .addSelect('avg(w.bandwidth_p95_mbps)', 'bandwidth_p95_mbps')
      .from(`(${windowed.getQuery()})`, 'w')
      .setParameters(windowed.getParameters())
      .where('w.day > w.last_day - CAST(:windowDays AS integer)', { windowDays: days })
      .groupBy('w.system_id')
      .getRawMany<UtilisationAggregateRow>();
    return rows.map((row) => utilisationFromRow(row, days));
  }
}

// Daily figures by period (第二十四条、第二十五条), read from the roll-ups only: systems as their
// systems are seen (city, county, unit, hosting provider), providers' service levels by every
// government role and each provider its own.
import type { DataSource } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import type { Scope } from '../../kit/principal';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import type { QueryMonitoringDailyFiguresArgs, QueryProviderMonitoringDailyArgs } from '../generated/graphql';
import { MonitoringDailyEntity } from './monitoring-daily.entity';
import { filterProviderDays, filterSystemDays } from './monitoring-list';
import { ProviderMonitoringDailyEntity } from './provider-monitoring-daily.entity';
import { scopeMonitoring } from './monitoring.scope';

/** A period's order (the Date scalar has checked each day): `from` not after `to`. */
export function requirePeriod(args: { from: string; to: string }): { from: string; to: string } {
  if (args.from > args.to) throw new BadUserInputError('起始日期（from）不能晚于截止日期（to）', 'from');
  return { from: args.from, to: args.to };
}

export class MonitoringFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  /** Systems' days in the period, by day then id. */
  systemDays(args: QueryMonitoringDailyFiguresArgs): Promise<Connection<MonitoringDailyEntity>> {
    const { from, to } = requirePeriod(args);
    const query = scopeMonitoring(
      this.dataSource.getRepository(MonitoringDailyEntity).createQueryBuilder('daily'),
      this.scope,
      'daily',
    ).andWhere('daily.day BETWEEN :from AND :to', { from, to });
    if (args.systemId != null) query.andWhere('daily.system_id = :systemId', { systemId: requireUuid(args.systemId, 'systemId') });
    if (args.filter != null) filterSystemDays(query, args.filter);
    return paginateQuery(query, args, { alias: 'daily', sortColumn: 'day', sortValueOf: (daily) => daily.day });
  }

  /** Providers' days in the period, by day then id. */
  providerDays(args: QueryProviderMonitoringDailyArgs): Promise<Connection<ProviderMonitoringDailyEntity>> {
    const { from, to } = requirePeriod(args);
    const query = applyProviderRecordScope(
      this.dataSource.getRepository(ProviderMonitoringDailyEntity).createQueryBuilder('daily'),
      this.scope,
      'daily',
    ).andWhere('daily.day BETWEEN :from AND :to', { from, to });
    if (args.providerId != null) {
      query.andWhere('daily.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    }
    if (args.filter != null) filterProviderDays(query, args.filter);
    return paginateQuery(query, args, { alias: 'daily', sortColumn: 'day', sortValueOf: (daily) => daily.day });
  }
}

// Utilisation over a period from the daily roll-ups, computed in SQL grouped by system (one
// statement for a batch of systems, or for every system in scope); the flag comes from the pure
// rule (utilisation.rules.ts), so there is one definition of it.
//
// How a period's figures derive from daily ones (documented in utilisation.graphql too):
// - average: the days' averages weighted by each day's sample count (a day with a partial feed
//   counts for what it measured), so it equals the average of the raw samples;
// - P95 of CPU, memory and network: the HIGHEST daily P95. If on each day at least 95% of samples lie
//   at or below that day's P95, then at least 95% of the period's samples lie at or below the highest
//   one: it is an upper bound of the true period P95, never below it. An IDLE flag, which can lead to
//   a reclaim order, therefore never rests on an underestimate; a system with one busy day is not
//   called idle, which is what a city operator would expect of a system that is sometimes needed;
// - peak: the highest daily peak;
// - storage (one figure a day, GB used at the day's end): average, P95 across the days, highest.
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid, wellFormedIds } from '../../kit/ids';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';
import { SystemFactEntity } from '../../contracts/system-fact.entity';
import { MonitoringDailyEntity } from '../monitoring/monitoring-daily.entity';
import {
  periodDays,
  usageScore,
  utilisationFlag,
  type MetricFigures,
  type UtilisationFigures,
  type UtilisationPeriod,
  type UtilisationThresholds,
} from './utilisation.rules';
import type { UtilisationFlag } from '../generated/graphql';

/** One system's evaluation over a period, as the schema's UtilisationEvaluation and YearUtilisation show it. */
export interface UtilisationEvaluation extends UtilisationFigures {
  /** The system's id: the connection's cursor key. */
  id: string;
  systemId: string;
  from: string;
  to: string;
  days: number;
  flag: UtilisationFlag;
  usageScore: number | null;
  regionCode: string | null;
  providerId: string | null;
}

/** A calendar year's evaluation, with the year asked for. */
export type YearUtilisation = UtilisationEvaluation & { year: number };

export interface UtilisationListFilter {
  regionCode?: string | null;
  providerId?: string | null;
  systemId?: string | null;
}

type Numeric = string | number | null;

export interface AggregateRow {
  system_id: string;
  region_code: string;
  unit_id: string;
  provider_id: string | null;
  is_disaster_recovery: boolean;
  is_standby: boolean;
  days_with_data: string | number;
  cpu_avg: Numeric;
  cpu_p95: Numeric;
  cpu_peak: Numeric;
  memory_avg: Numeric;
  memory_p95: Numeric;
  memory_peak: Numeric;
  network_avg: Numeric;
  network_p95: Numeric;
  network_peak: Numeric;
  storage_avg: Numeric;
  storage_p95: Numeric;
  storage_peak: Numeric;
  bandwidth_p95: Numeric;
  bandwidth_peak: Numeric;
}

const weightedAverage = (column: string) =>
  `coalesce(sum(daily.${column} * daily.sample_count) / nullif(sum(daily.sample_count), 0), avg(daily.${column}))`;

export const AGGREGATES: ReadonlyArray<[string, string]> = [
  ['days_with_data', 'count(daily.day)'],
  ['cpu_avg', weightedAverage('cpu_avg_percent')],
  ['cpu_p95', 'max(daily.cpu_p95_percent)'],
  ['cpu_peak', 'max(daily.cpu_peak_percent)'],
  ['memory_avg', weightedAverage('memory_avg_percent')],
  ['memory_p95', 'max(daily.memory_p95_percent)'],
  ['memory_peak', 'max(daily.memory_peak_percent)'],
  ['network_avg', weightedAverage('network_avg_percent')],
  ['network_p95', 'max(daily.network_p95_percent)'],
  ['network_peak', 'max(daily.network_peak_percent)'],
  ['storage_avg', 'avg(daily.storage_used_gb)'],
  ['storage_p95', 'percentile_cont(0.95) WITHIN GROUP (ORDER BY daily.storage_used_gb)'],
  ['storage_peak', 'max(daily.storage_used_gb)'],
  ['bandwidth_p95', 'max(daily.bandwidth_p95_mbps)'],
  ['bandwidth_peak', 'max(daily.bandwidth_peak_mbps)'],
];

const round2 = (value: Numeric): number => Math.round(Number(value) * 100) / 100;

function metric(average: Numeric, p95: Numeric, peak: Numeric): MetricFigures | null {
  if (average === null || p95 === null || peak === null) return null;
  return { average: round2(average), p95: round2(p95), peak: round2(peak) };
}

/** A system with no visible facts (unknown, or out of the caller's scope) or no data: NO_DATA, no figures. */
export function emptyEvaluation(systemId: string, period: UtilisationPeriod): UtilisationEvaluation {
  return {
    id: systemId,
    systemId,
    from: period.from,
    to: period.to,
    days: periodDays(period),
    daysWithData: 0,
    cpu: null,
    memory: null,
    network: null,
    storageGb: null,
    bandwidthMbps: null,
    flag: 'NO_DATA',
    usageScore: null,
    regionCode: null,
    providerId: null,
  };
}

export function evaluationOf(row: AggregateRow, period: UtilisationPeriod, thresholds: UtilisationThresholds): UtilisationEvaluation {
  const figures: UtilisationFigures = {
    daysWithData: Number(row.days_with_data),
    cpu: metric(row.cpu_avg, row.cpu_p95, row.cpu_peak),
    memory: metric(row.memory_avg, row.memory_p95, row.memory_peak),
    network: metric(row.network_avg, row.network_p95, row.network_peak),
    storageGb: metric(row.storage_avg, row.storage_p95, row.storage_peak),
    bandwidthMbps:
      row.bandwidth_p95 === null || row.bandwidth_peak === null
        ? null
        : { p95: round2(row.bandwidth_p95), peak: round2(row.bandwidth_peak) },
  };
  return {
    ...emptyEvaluation(row.system_id, period),
    ...figures,
    flag: utilisationFlag(figures, { isDisasterRecovery: row.is_disaster_recovery, isStandby: row.is_standby }, thresholds),
    usageScore: usageScore(figures),
    regionCode: row.region_code,
    providerId: row.provider_id,
  };
}

/** Evaluates systems within one principal's scope: the replica of system facts decides what is visible. */
export class UtilisationEvaluationService {
  constructor(
    readonly manager: EntityManager,
    private readonly scope: Scope,
    private readonly thresholds: UtilisationThresholds,
  ) {}

  static of(dataSource: DataSource, scope: Scope, thresholds: UtilisationThresholds): UtilisationEvaluationService {
    return new UtilisationEvaluationService(dataSource.manager, scope, thresholds);
  }

  /**
   * The systems in scope joined to their days in the period, grouped by system. Only days in
   * service count (第十六条 settles on the service used): from go-live, before retirement. A test
   * environment's quiet days before go-live, or a feed that went on after the resources were
   * recovered, would otherwise make a system look idle and halve its fee.
   */
  private aggregate(period: UtilisationPeriod) {
    const query = this.manager
      .getRepository(SystemFactEntity)
      .createQueryBuilder('fact')
      .select('fact.system_id', 'system_id')
      .addSelect('fact.region_code', 'region_code')
      .addSelect('fact.unit_id', 'unit_id')
      .addSelect('fact.provider_id', 'provider_id')
      .addSelect('fact.is_disaster_recovery', 'is_disaster_recovery')
      .addSelect('fact.is_standby', 'is_standby')
      .leftJoin(
        MonitoringDailyEntity,
        'daily',
        'daily.system_id = fact.system_id AND daily.day BETWEEN :periodFrom AND :periodTo' +
          ' AND daily.day >= fact.go_live_on AND (fact.retired_on IS NULL OR daily.day < fact.retired_on)',
        { periodFrom: period.from, periodTo: period.to },
      )
      .groupBy('fact.system_id');
    for (const [alias, expression] of AGGREGATES) query.addSelect(expression, alias);
    return applyScope(query, this.scope, 'fact', { region: 'region_code', unit: 'unit_id', provider: 'provider_id' });
  }

  /** One statement for the batch, results in key order; an unknown or out-of-scope system is NO_DATA. */
  async bySystemIds(systemIds: readonly string[], period: UtilisationPeriod): Promise<UtilisationEvaluation[]> {
    const ids = wellFormedIds(systemIds);
    const rows =
      ids.length === 0
        ? []
        : await this.aggregate(period).andWhere('fact.system_id = ANY(:systemIds)', { systemIds: ids }).getRawMany<AggregateRow>();
    const byId = new Map(rows.map((row) => [row.system_id, evaluationOf(row, period, this.thresholds)]));
    return systemIds.map((id) => (isUuid(id) && byId.get(id)) || emptyEvaluation(id, period));
  }

  /**
   * Every system in scope that was on the cloud during the period (not exempt, not retired
   * before it starts), optionally in one region or on one provider's platform: one statement.
   */
  async all(period: UtilisationPeriod, filter: UtilisationListFilter = {}): Promise<UtilisationEvaluation[]> {
    const rows = await this.listQuery(period, filter).getRawMany<AggregateRow>();
    return rows.map((row) => evaluationOf(row, period, this.thresholds));
  }

  /** The statement of `all`: one aggregate row a system (utilisation-page.ts pages it in SQL). */
  listQuery(period: UtilisationPeriod, filter: UtilisationListFilter | null = {}) {
    const query = this.onCloud(period);
    // null: the caller's arguments contradict each other, so no row can match.
    if (filter === null) return query.andWhere('false');
    if (filter.regionCode) query.andWhere('fact.region_code = :filterRegion', { filterRegion: filter.regionCode });
    if (filter.providerId) query.andWhere('fact.provider_id = :filterProvider', { filterProvider: filter.providerId });
    if (filter.systemId) query.andWhere('fact.system_id = :filterSystem', { filterSystem: filter.systemId });
    return query;
  }

  /** As `all`, with the facts a kept summary filters on (utilisation-summary.service.ts). */
  async allWithFacts(period: UtilisationPeriod): Promise<Array<{ evaluation: UtilisationEvaluation; unitId: string; excluded: boolean }>> {
    const rows = await this.onCloud(period).getRawMany<AggregateRow>();
    return rows.map((row) => ({
      evaluation: evaluationOf(row, period, this.thresholds),
      unitId: row.unit_id,
      excluded: row.is_disaster_recovery || row.is_standby,
    }));
  }

  private onCloud(period: UtilisationPeriod) {
    return this.aggregate(period)
      .andWhere(`fact.deployment_mode <> 'EXEMPT'`)
      .andWhere('(fact.retired_on IS NULL OR fact.retired_on >= :periodFrom)');
  }
}

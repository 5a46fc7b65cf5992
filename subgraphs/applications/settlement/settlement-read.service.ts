// Reading settlements within a principal's settlement scope (settlement-scope.ts): lists, batches
// for the loaders, the overdue list (SETTLEMENT_JAN5) and the analysts' fees by provider and county.
import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { requireRegionCode } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { pageInChosenOrder } from '../../kit/ordered-connection';
import type { Principal } from '../../kit/principal';
import { SettlementConfirmationEntity } from './settlement-party.entity';
import { SettlementLineEntity } from './settlement-line.entity';
import { scopeLines, scopeSettlements, settlementScopeOf, type SettlementScope } from './settlement-scope';
import { SettlementEntity } from './settlement.entity';
import { SETTLEMENT_ORDERS } from './settlement-order';
import type { QuerySettlementsArgs } from '../generated/graphql';

export interface ProviderRegionTotal {
  id: string;
  providerId: string;
  regionCode: string;
  amountFen: number;
  lineCount: number;
  settlementCount: number;
}

export class SettlementReadService {
  private readonly settlements: Repository<SettlementEntity>;
  private readonly scope: SettlementScope;

  constructor(
    private readonly dataSource: DataSource,
    principal: Principal,
  ) {
    this.settlements = dataSource.getRepository(SettlementEntity);
    this.scope = settlementScopeOf(principal);
  }

  private scoped() {
    return scopeSettlements(this.settlements.createQueryBuilder('settlement'), this.scope, 'settlement');
  }

  list(args: QuerySettlementsArgs): Promise<Connection<SettlementEntity>> {
    const query = this.scoped();
    if (args.year != null) query.andWhere('settlement.year = :year', { year: args.year });
    if (args.regionCode != null) query.andWhere('settlement.region_code = :regionCode', { regionCode: requireRegionCode(args.regionCode) });
    if (args.status != null) query.andWhere('settlement.status = :status', { status: args.status });
    const filter = args.filter ?? {};
    if (filter.year != null) query.andWhere('settlement.year = :filterYear', { filterYear: filter.year });
    if (filter.regionCode != null) {
      query.andWhere('settlement.region_code = :filterRegion', { filterRegion: requireRegionCode(filter.regionCode) });
    }
    if (filter.status != null && filter.status.length > 0)
      query.andWhere('settlement.status IN (:...filterStatuses)', { filterStatuses: filter.status });
    if (args.orderBy != null) return pageInChosenOrder(query, args, 'settlement', SETTLEMENT_ORDERS, args.orderBy);
    return paginateQuery(query, args, { alias: 'settlement', sortColumn: 'number', sortValueOf: (row) => row.number });
  }

  /** SETTLEMENT_JAN5: not confirmed, and 5 January of the following year has come. */
  overdue(args: ConnectionArgs, today: string): Promise<Connection<SettlementEntity>> {
    const query = this.scoped()
      .andWhere(`settlement.status = 'AWAITING_CONFIRMATION'`)
      .andWhere('make_date(settlement.year + 1, 1, 5) <= CAST(:today AS date)', { today });
    return paginateQuery(query, args, { alias: 'settlement', sortColumn: 'number', sortValueOf: (row) => row.number });
  }

  byIds(ids: readonly string[]): Promise<SettlementEntity[]> {
    return fetchByIds(this.scoped(), 'settlement.id', ids);
  }

  correctionsOf(settlementIds: readonly string[]): Promise<SettlementEntity[]> {
    return fetchByIds(this.scoped(), 'settlement.corrects_id', settlementIds);
  }

  /** The lines the principal sees of these settlements, in one query. */
  linesOf(settlementIds: readonly string[]): Promise<SettlementLineEntity[]> {
    const query = scopeLines(this.dataSource.getRepository(SettlementLineEntity).createQueryBuilder('line'), this.scope, 'line');
    return fetchByIds(query, 'line.settlement_id', settlementIds);
  }

  /** A unit or a provider sees the authority's, the centre's and its own confirmation; the others all. */
  confirmationsOf(settlementIds: readonly string[]): Promise<SettlementConfirmationEntity[]> {
    const query = this.dataSource.getRepository(SettlementConfirmationEntity).createQueryBuilder('confirmation');
    const own = this.scope.kind === 'UNIT' ? this.scope.unitId : this.scope.kind === 'PROVIDER' ? this.scope.providerId : null;
    if (own !== null) query.andWhere(`(confirmation.party IN ('AUTHORITY', 'CENTER') OR confirmation.party_key = :own)`, { own });
    return fetchByIds(query, 'confirmation.settlement_id', settlementIds);
  }

  /**
   * Fees by provider and level for a year, over the lines the principal sees, in one statement.
   * Per level only the settlement in force counts: the newest confirmed one of the correction chain
   * (`confirmedOnly`), or the newest one whatever its status.
   */
  async totalsByProviderAndRegion(year: number, confirmedOnly: boolean): Promise<ProviderRegionTotal[]> {
    if (!Number.isInteger(year)) throw new BadUserInputError('年度（year）须为整数', 'year');
    const status = confirmedOnly ? `AND settlement.status = 'CONFIRMED'` : '';
    const newer = confirmedOnly ? `AND newer.status = 'CONFIRMED'` : '';
    const query = scopeLines(this.dataSource.getRepository(SettlementLineEntity).createQueryBuilder('line'), this.scope, 'line')
      .innerJoin(SettlementEntity, 'settlement', 'settlement.id = line.settlement_id')
      .select('line.provider_id', 'providerId')
      .addSelect('settlement.region_code', 'regionCode')
      .addSelect('SUM(line.amount_fen)::text', 'amountFen')
      .addSelect('COUNT(*)::int', 'lineCount')
      .addSelect('COUNT(DISTINCT settlement.id)::int', 'settlementCount')
      .andWhere(`settlement.year = :year ${status}`, { year })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM "applications"."settlement" newer WHERE newer.year = settlement.year
           AND newer.region_code = settlement.region_code AND newer.revision > settlement.revision ${newer})`,
      )
      .groupBy('line.provider_id')
      .addGroupBy('settlement.region_code')
      .orderBy('settlement.region_code')
      .addOrderBy('line.provider_id');
    const rows = await query.getRawMany<{
      providerId: string;
      regionCode: string;
      amountFen: string;
      lineCount: number;
      settlementCount: number;
    }>();
    return rows.map((row) => ({
      id: `${row.regionCode}:${row.providerId}`,
      providerId: row.providerId,
      regionCode: row.regionCode,
      amountFen: Number(row.amountFen),
      lineCount: row.lineCount,
      settlementCount: row.settlementCount,
    }));
  }
}

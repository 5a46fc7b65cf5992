// Reading settlements within a principal's settlement scope (settlement-scope.ts): lists, batches
// for the loaders, the overdue list (SETTLEMENT_JAN5) and the analysts' fees by provider and county.
import type { DataSource, Repository } from 'typeorm';
import { childConnectionLoader } from '../../kit/child-connection';
import { requirePolicyYear, todayInChina } from '../../kit/dates';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { groupedChildConnectionLoader, paginateGroups, type GroupRow } from '../../kit/grouped-connection';
import { requireRegionCode, wellFormedIds } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { pageInChosenOrder } from '../../kit/ordered-connection';
import type { Principal } from '../../kit/principal';
import { SettlementConfirmationEntity } from './settlement-party.entity';
import { SettlementLineEntity } from './settlement-line.entity';
import { SettlementProviderTotalEntity } from './settlement-provider-total.entity';
import { scopeLines, scopeProviderTotals, scopeSettlements, settlementScopeOf, type SettlementScope } from './settlement-scope';
import { SettlementEntity } from './settlement.entity';
import { LINE_SORT, lineSortValue, type ProviderTotal, type UnitTotal } from './settlement-totals';
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
    if (args.year != null) query.andWhere('settlement.year = :year', { year: requirePolicyYear(args.year, todayInChina()) });
    if (args.regionCode != null) query.andWhere('settlement.region_code = :regionCode', { regionCode: requireRegionCode(args.regionCode) });
    if (args.status != null) query.andWhere('settlement.status = :status', { status: args.status });
    const filter = args.filter ?? {};
    if (filter.year != null) {
      query.andWhere('settlement.year = :filterYear', { filterYear: requirePolicyYear(filter.year, todayInChina(), 'filter.year') });
    }
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
  private confirmations() {
    const query = this.dataSource.getRepository(SettlementConfirmationEntity).createQueryBuilder('confirmation');
    const own = this.scope.kind === 'UNIT' ? this.scope.unitId : this.scope.kind === 'PROVIDER' ? this.scope.providerId : null;
    if (own !== null) query.andWhere(`(confirmation.party IN ('AUTHORITY', 'CENTER') OR confirmation.party_key = :own)`, { own });
    return query;
  }

  /** Pages of many settlements' confirmations the principal sees: authority, centre, units, providers, each by key (kit/child-connection.ts). */
  confirmationPagesBySettlement() {
    return childConnectionLoader({
      query: () => this.confirmations(),
      alias: 'confirmation',
      parentColumn: 'settlement_id',
      parentOf: (row) => row.settlementId,
      sortExpression: `(CASE confirmation.party WHEN 'AUTHORITY' THEN '1' WHEN 'CENTER' THEN '2' WHEN 'UNIT' THEN '3' ELSE '4' END) || '|' || confirmation.party_key`,
      sortValueOf: (row) => `${PARTY_ORDER[row.party]}|${row.partyKey}`,
    });
  }

  private lines() {
    return scopeLines(this.dataSource.getRepository(SettlementLineEntity).createQueryBuilder('line'), this.scope, 'line');
  }

  /** The stored totals per provider (alias `total`) of the settlements' lines the principal sees; not for a unit's scope. */
  private providerTotals() {
    return scopeProviderTotals(
      this.dataSource.getRepository(SettlementProviderTotalEntity).createQueryBuilder('total'),
      this.scope,
      'total',
    );
  }

  /** Each settlement's amount and line count over the lines the principal sees: one grouped statement a batch. */
  async sumsOf(settlementIds: readonly string[]): Promise<SettlementSums[]> {
    const rows = await this.lines()
      .select('line.settlement_id::text', 'settlementId')
      .addSelect('SUM(line.amount_fen)::text', 'amountFen')
      .addSelect('COUNT(*)::int', 'lineCount')
      .andWhere('line.settlement_id = ANY(:settlementIds)', { settlementIds: wellFormedIds(settlementIds) })
      .groupBy('line.settlement_id')
      .getRawMany<{ settlementId: string; amountFen: string; lineCount: number }>();
    return rows.map((row) => ({ settlementId: row.settlementId, amountFen: Number(row.amountFen), lineCount: Number(row.lineCount) }));
  }

  /** Pages of many settlements' lines the principal sees, of one unit or provider or all, in the lines' order (kit/child-connection.ts). */
  linePagesBySettlement(filter: { unitId: string | null; providerId: string | null }) {
    return childConnectionLoader({
      query: () => {
        const query = this.lines();
        if (filter.unitId !== null) query.andWhere('line.unit_id = :lineUnit', { lineUnit: filter.unitId });
        if (filter.providerId !== null) query.andWhere('line.provider_id = :lineProvider', { lineProvider: filter.providerId });
        return query;
      },
      alias: 'line',
      parentColumn: 'settlement_id',
      parentOf: (line) => line.settlementId,
      sortExpression: LINE_SORT,
      sortValueOf: lineSortValue,
    });
  }

  /** Pages of many settlements' totals per provider, summed and paged in SQL (kit/grouped-connection.ts). */
  providerTotalPagesBySettlement() {
    return groupedChildConnectionLoader<ProviderTotal>({
      query: () => this.lines(),
      parent: 'line.settlement_id',
      groupBy: ['line.provider_id'],
      sort: 'line.provider_id::text',
      id: 'line.provider_id::text',
      fields: SUMS,
      node: (row) => ({ id: row.id, providerId: row.id, ...sums(row) }),
    });
  }

  /** Pages of many settlements' totals per unit (the budget), by unit code, summed and paged in SQL (kit/grouped-connection.ts). */
  unitTotalPagesBySettlement() {
    return groupedChildConnectionLoader<UnitTotal>({
      query: () => this.lines(),
      parent: 'line.settlement_id',
      groupBy: ['line.unit_id'],
      sort: 'min(line.unit_code)',
      id: 'line.unit_id::text',
      fields: { ...SUMS, unitName: 'min(line.unit_name)' },
      node: (row) => ({ id: row.id, unitId: row.id, unitCode: row.sort, unitName: String(row.unitName), ...sums(row) }),
    });
  }

  /**
   * Fees by provider and level for a year, over the lines the principal sees: grouped and paged in
   * SQL by level then provider (kit/grouped-connection.ts). Per level only the settlement in force
   * counts: the newest confirmed one of the correction chain (`confirmedOnly`), or the newest one
   * whatever its status.
   */
  totalsByProviderAndRegion(year: number, confirmedOnly: boolean, args: ConnectionArgs): Promise<Connection<ProviderRegionTotal>> {
    requirePolicyYear(year, todayInChina());
    const status = confirmedOnly ? `AND settlement.status = 'CONFIRMED'` : '';
    const newer = confirmedOnly ? `AND newer.status = 'CONFIRMED'` : '';
    // A unit sees only its own lines, so sums them; every other scope sees whole providers' lines and
    // reads their stored totals (a row per provider and settlement, not every line of the year).
    const rows =
      this.scope.kind === 'UNIT'
        ? { query: this.lines(), alias: 'line', amountFen: 'SUM(line.amount_fen)', lineCount: 'COUNT(*)' }
        : { query: this.providerTotals(), alias: 'total', amountFen: 'SUM(total.amount_fen)', lineCount: 'SUM(total.line_count)' };
    const key = `settlement.region_code || ':' || ${rows.alias}.provider_id::text`;
    return paginateGroups<ProviderRegionTotal>(
      {
        query: () =>
          rows.query
            .clone()
            .innerJoin(SettlementEntity, 'settlement', `settlement.id = ${rows.alias}.settlement_id`)
            .andWhere(`settlement.year = :year ${status}`, { year })
            .andWhere(
              `NOT EXISTS (SELECT 1 FROM "applications"."settlement" newer WHERE newer.year = settlement.year
                 AND newer.region_code = settlement.region_code AND newer.revision > settlement.revision ${newer})`,
            ),
        groupBy: [`${rows.alias}.provider_id`, 'settlement.region_code'],
        sort: key,
        id: key,
        fields: {
          amountFen: `${rows.amountFen}::text`,
          lineCount: `${rows.lineCount}::int`,
          providerId: `${rows.alias}.provider_id::text`,
          regionCode: 'settlement.region_code',
          settlementCount: 'COUNT(DISTINCT settlement.id)::int',
        },
        node: (row) => ({
          id: row.id,
          providerId: String(row.providerId),
          regionCode: String(row.regionCode),
          settlementCount: Number(row.settlementCount),
          ...sums(row),
        }),
      },
      args,
    );
  }
}

/** A settlement's amount and line count over the lines a principal sees. */
export interface SettlementSums {
  settlementId: string;
  amountFen: number;
  lineCount: number;
}

const SUMS = { amountFen: 'SUM(line.amount_fen)::text', lineCount: 'COUNT(*)::int' };
const sums = (row: GroupRow) => ({ amountFen: Number(row.amountFen), lineCount: Number(row.lineCount) });

/** The confirmations' order: the authority, the centre, then units and providers, each by key. */
const PARTY_ORDER: Record<SettlementConfirmationEntity['party'], number> = { AUTHORITY: 1, CENTER: 2, UNIT: 3, PROVIDER: 4 };

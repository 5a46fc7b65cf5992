// leastUsedSystems (第十六条、第二十五条; issue 14) from a kept per-system summary of the period: the
// first read of a period aggregates its daily roll-ups once (utilisation-evaluation.service.ts) and
// keeps one row per system with its usage score on an index; later reads walk that index and stop
// at the page. Any write to the roll-ups or the system facts deletes the kept summaries in its own
// transaction (migration 1796301700001), so a summary is never older than the figures it came from.
import type { DataSource, EntityManager } from 'typeorm';
import { cursorList, decodeCursor, encodeCursor, pageConnection, pageSize, type ConnectionArgs } from '../../kit/connection';
import type { Scope } from '../../kit/principal';
import { applyScope } from '../../kit/scope-filter';
import { UtilisationEvaluationService, type UtilisationEvaluation } from './utilisation-evaluation.service';
import { utilisationFlag, type UtilisationPeriod, type UtilisationThresholds } from './utilisation.rules';
import { UtilisationSummaryEntity } from './utilisation-summary.entity';

/** The least-used systems' cursors: lowest usage score first. */
const LEAST_USED_LIST = cursorList('utilisation-least-used|usage_score|ASC');

/** The score as the connection's cursor text ("012.50"), which sorts as the number does. */
const scoreKey = (score: number) => score.toFixed(2).padStart(6, '0');

const CITY: Scope = { kind: 'CITY' };

export class UtilisationSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
    private readonly thresholds: UtilisationThresholds,
  ) {}

  /** The listed systems of the period in scope: not backups, with CPU, memory and network figures over enough days. */
  private listed(period: UtilisationPeriod) {
    const query = this.dataSource
      .getRepository(UtilisationSummaryEntity)
      .createQueryBuilder('summary')
      .where('summary.period_from = :periodFrom AND summary.period_to = :periodTo AND summary.listed', {
        periodFrom: period.from,
        periodTo: period.to,
      })
      .andWhere('summary.days_with_data >= :minDays', { minDays: this.thresholds.minDaysWithData });
    return applyScope(query, this.scope, 'summary', { region: 'region_code', unit: 'unit_id', provider: 'provider_id' });
  }

  private page(period: UtilisationPeriod, args: ConnectionArgs, size: number) {
    const query = this.listed(period).select('summary.evaluation', 'evaluation');
    if (args.after) {
      const [score, systemId] = decodeCursor(args.after, LEAST_USED_LIST);
      query.andWhere('(summary.usage_score, summary.system_id) > (:cursorScore::numeric, :cursorId::uuid)', {
        cursorScore: score,
        cursorId: systemId,
      });
    }
    return query
      .orderBy('summary.usage_score', 'ASC')
      .addOrderBy('summary.system_id', 'ASC')
      .limit(size + 1)
      .getRawMany<{ evaluation: UtilisationEvaluation }>();
  }

  /** Least-used first (usage score, then id): one statement once the period is kept; the count only when asked. */
  async leastUsed(period: UtilisationPeriod, args: ConnectionArgs) {
    const size = pageSize(args);
    let rows = size === 0 ? [] : await this.page(period, args, size);
    if (rows.length === 0 && (await this.keep(period)) && size > 0) rows = await this.page(period, args, size);
    const edges = rows.slice(0, size).map(({ evaluation }) => {
      const node = { ...evaluation, flag: utilisationFlag(evaluation, { isDisasterRecovery: false, isStandby: false }, this.thresholds) };
      return { cursor: encodeCursor([scoreKey(node.usageScore!), node.id], LEAST_USED_LIST), node };
    });
    // A page that found rows found the period kept; `first: 0` read none, so keep it first.
    const count = async () => {
      if (size === 0) await this.keep(period);
      const counted = await this.listed(period).select('count(*)::int', 'count').getRawOne<{ count: number }>();
      return counted?.count ?? 0;
    };
    const rowFollows = async () => {
      await this.keep(period);
      return (await this.page(period, args, 0)).length > 0;
    };
    return pageConnection(edges, rows.length, size, Boolean(args.after), count, rowFollows);
  }

  /**
   * Keeps the period's summary unless it is kept already; true when it wrote one. The lock makes a
   * roll-up's deletion wait for a summary being written and a summary wait for a roll-up's commit,
   * so what is kept is computed from committed figures no later write has changed.
   */
  private keep(period: UtilisationPeriod): Promise<boolean> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query('LOCK TABLE "supervision"."utilisation_summary_period" IN SHARE ROW EXCLUSIVE MODE');
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "supervision"."utilisation_summary_period" (period_from, period_to) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [period.from, period.to],
      );
      if (inserted.length === 0) return false;
      const all = await new UtilisationEvaluationService(manager, CITY, this.thresholds).allWithFacts(period);
      const column = <T>(read: (row: (typeof all)[number]) => T) => all.map(read);
      await manager.query(
        `INSERT INTO "supervision"."utilisation_summary"
           (period_from, period_to, system_id, usage_score, listed, days_with_data, region_code, unit_id, provider_id, evaluation)
         SELECT $1, $2, r.* FROM unnest($3::uuid[], $4::numeric[], $5::boolean[], $6::int[], $7::varchar[], $8::uuid[], $9::uuid[], $10::jsonb[])
           AS r(system_id, usage_score, listed, days_with_data, region_code, unit_id, provider_id, evaluation)`,
        [
          period.from,
          period.to,
          column((row) => row.evaluation.systemId),
          column((row) => row.evaluation.usageScore),
          column((row) => !row.excluded && row.evaluation.usageScore !== null),
          column((row) => row.evaluation.daysWithData),
          column((row) => row.evaluation.regionCode),
          column((row) => row.unitId),
          column((row) => row.evaluation.providerId),
          column((row) => JSON.stringify(row.evaluation)),
        ],
      );
      return true;
    });
  }
}

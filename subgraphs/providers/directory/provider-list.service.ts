// The providers list (定点服务商列表, 第六条): its filter (status, a name or code search, the platform's
// MLPS level) and its order, one keyset-paged query (kit/connection.ts) served by the provider
// table's indexes (the trigram index for the search, migration 1796300600000).
import type { DataSource } from 'typeorm';
import { paginateOrdered, type Connection, type OrderedPageOptions } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import type { ProviderFilter, ProviderOrder, QueryProvidersArgs } from '../generated/graphql';
import { positiveInt } from './directory.inputs';
import { ProviderEntity } from './provider.entity';

/** Longest search text: longer than any name or code, so nothing longer can match. */
const MAX_SEARCH = 100;
/** A candidate has no designation day; newest first puts it last. */
const NEVER = '0001-01-01';

const ORDERS: Record<ProviderOrder, Omit<OrderedPageOptions<ProviderEntity>, 'alias'>> = {
  CODE_ASC: { sortExpression: 'provider.code', sortType: 'text', direction: 'ASC', sortValueOf: (p) => p.code },
  NAME_ASC: { sortExpression: 'provider.name', sortType: 'text', direction: 'ASC', sortValueOf: (p) => p.name },
  DESIGNATED_ON_DESC: {
    sortExpression: `COALESCE(provider.designated_on, DATE '${NEVER}')`,
    sortType: 'date',
    direction: 'DESC',
    sortValueOf: (p) => p.designatedOn ?? NEVER,
  },
};

/** `%`, `_` and `\` in a search are literal text, not LIKE patterns. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function parseSearch(search: string | null | undefined): string | null {
  const text = search?.trim() ?? '';
  if (text.length === 0) return null;
  if (text.length > MAX_SEARCH || text.includes('\u0000')) {
    throw new BadUserInputError(`检索文字（filter.search）须为 1 到 ${MAX_SEARCH} 个字符`, 'filter.search');
  }
  return text;
}

/** Providers are public to every role: units choose from them (第十一条). */
export function listProvidersFiltered(dataSource: DataSource, args: QueryProvidersArgs): Promise<Connection<ProviderEntity>> {
  const filter: ProviderFilter = args.filter ?? {};
  const query = dataSource.getRepository(ProviderEntity).createQueryBuilder('provider');
  // The deprecated `status` argument still works, alongside the filter.
  if (args.status) query.andWhere('provider.status = :status', { status: args.status });
  if (filter.status) query.andWhere('provider.status IN (:...statuses)', { statuses: filter.status.length ? filter.status : [''] });
  const search = parseSearch(filter.search);
  if (search) {
    query.andWhere(`(provider.name ILIKE :pattern OR provider.short_name ILIKE :pattern OR provider.code ILIKE :pattern)`, {
      pattern: likePattern(search),
    });
  }
  if (filter.minPlatformMlpsLevel != null) {
    const level = positiveInt(filter.minPlatformMlpsLevel, 'filter.minPlatformMlpsLevel', '云平台等级保护级别下限', 4);
    query.andWhere('provider.platform_mlps_level >= :level', { level });
  }
  return paginateOrdered(query, args, { alias: 'provider', ...ORDERS[args.orderBy ?? 'CODE_ASC'] });
}

// flaggedSystems(filter:) (第十六条、第二十五条; issue 12): the typed filter joined with the deprecated plain
// arguments. System, provider and region narrow the one aggregate statement (WHERE on the system facts);
// the flag is computed from the figures, so it is kept after.
import { parseId, requireRegionCode, requireUuid } from '../../kit/ids';
import type { QueryFlaggedSystemsArgs, UtilisationFlag } from '../generated/graphql';
import type { UtilisationListFilter } from './utilisation-evaluation.service';

const FLAGGED: readonly UtilisationFlag[] = ['IDLE', 'UNDER_USED'];

export interface FlaggedSystemsQuery {
  /** The statement's WHERE; null when the plain argument and the filter name different values (no row can match). */
  where: UtilisationListFilter | null;
  flags: readonly UtilisationFlag[];
}

/** Both given and different: nothing matches. */
function both<T>(plain: T | null, filtered: T | null): { value: T | null; conflict: boolean } {
  if (plain == null) return { value: filtered, conflict: false };
  if (filtered == null) return { value: plain, conflict: false };
  return { value: plain, conflict: plain !== filtered };
}

/** The list's WHERE and flags; a malformed id or an unknown region is BAD_USER_INPUT naming its field. */
export function flaggedSystemsQuery(args: QueryFlaggedSystemsArgs): FlaggedSystemsQuery {
  const filter = args.filter ?? {};
  const region = both(
    args.regionCode != null ? requireRegionCode(args.regionCode) : null,
    filter.regionCode != null ? requireRegionCode(filter.regionCode, 'filter.regionCode') : null,
  );
  const provider = both(
    args.providerId != null ? requireUuid(args.providerId, 'providerId') : null,
    filter.providerId != null ? parseId(filter.providerId, 'filter.providerId', { byCode: 'providerByCode(code)' }) : null,
  );
  const systemId = filter.systemId != null ? parseId(filter.systemId, 'filter.systemId') : null;
  const listed = filter.flag != null && filter.flag.length > 0 ? filter.flag : null;
  const flags = listed && args.flag ? listed.filter((flag) => flag === args.flag) : (listed ?? (args.flag ? [args.flag] : FLAGGED));
  const where = region.conflict || provider.conflict ? null : { regionCode: region.value, providerId: provider.value, systemId };
  return { where, flags };
}

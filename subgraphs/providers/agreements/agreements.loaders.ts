import type { DataSource } from 'typeorm';
import { childConnectionLoaderPerFilter } from '../../kit/child-connection-filters';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Principal } from '../../kit/principal';
import { agreementVisibility } from './agreement-visibility.service';
import { agreementPagesByProvider, agreementsByIds } from './agreement.service';

/** Agreements carry the principal's visibility in their WHERE clause, so `_entities` and nested fields cannot reach past it. */
export function createAgreementsLoaders(dataSource: DataSource, principal: Principal) {
  const visibility = agreementVisibility(principal);
  return {
    agreementById: loaderByKey((ids) => agreementsByIds(dataSource, visibility, ids), 'id'),
    agreementPagesByProviderId: childConnectionLoaderPerFilter((regionCode: string | null) =>
      agreementPagesByProvider(dataSource, visibility, regionCode),
    ),
  };
}

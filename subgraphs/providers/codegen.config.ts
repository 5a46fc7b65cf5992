import type { SubgraphCodegenConfig } from '../kit/codegen-config';

/** How `npm run codegen` types this subgraph's resolvers (subgraphs/providers/generated/graphql.ts). */
export const codegenConfig: SubgraphCodegenConfig = {
  contextType: '../loaders#ProvidersContext',
  // Each resolver's parent is the entity its loaders and services return.
  mappers: {
    Provider: '../directory/provider.entity#ProviderEntity',
    Agreement: '../agreements/agreement.entity#AgreementEntity',
    ServiceItem: '../catalogs/service-item.entity#ServiceItemEntity',
    BasicCatalogEntry: '../catalogs/basic-catalog-entry.entity#BasicCatalogEntryEntity',
    PriceCapChange: '../catalogs/price-cap-change.entity#PriceCapChangeEntity',
    SupplementaryCatalogEntry: '../catalogs/supplementary-catalog-entry.entity#SupplementaryCatalogEntryEntity',
    ProviderExit: '../exits/provider-exit.entity#ProviderExitEntity',
    ProviderRectification: '../evaluation-consequences/provider-rectification.entity#ProviderRectificationEntity',
    DisqualificationProposal: '../evaluation-consequences/disqualification-proposal.entity#DisqualificationProposalEntity',
    // Lists as the kit pages them (kit/connection.ts): totalCount may be counted only when asked for.
    ProviderConnection: '../../kit/connection#Connection<ProviderEntity>',
    AgreementConnection: '../../kit/connection#Connection<AgreementEntity>',
    ServiceItemConnection: '../../kit/connection#Connection<ServiceItemEntity>',
    BasicCatalogEntryConnection: '../../kit/connection#Connection<BasicCatalogEntryEntity>',
    PriceCapChangeConnection: '../../kit/connection#Connection<PriceCapChangeEntity>',
    SupplementaryCatalogEntryConnection: '../../kit/connection#Connection<SupplementaryCatalogEntryEntity>',
    ProviderExitConnection: '../../kit/connection#Connection<ProviderExitEntity>',
    ProviderRectificationConnection: '../../kit/connection#Connection<ProviderRectificationEntity>',
    DisqualificationProposalConnection: '../../kit/connection#Connection<DisqualificationProposalEntity>',
  },
};

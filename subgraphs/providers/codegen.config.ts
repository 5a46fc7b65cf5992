import type { SubgraphCodegenConfig } from '../kit/codegen-config';

/** How `npm run codegen` types this subgraph's resolvers (subgraphs/providers/generated/graphql.ts). */
export const codegenConfig: SubgraphCodegenConfig = {
  contextType: '../loaders#ProvidersContext',
  // The subgraph maps its GraphQL types to its entities here, so each resolver's parent is the entity,
  // e.g. Application: '../lifecycle/application.entity#ApplicationEntity'.
  mappers: {},
};

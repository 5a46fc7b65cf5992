import type { SubgraphCodegenConfig } from '../kit/codegen-config';

/** How `npm run codegen` types this subgraph's resolvers (subgraphs/supervision/generated/graphql.ts). */
export const codegenConfig: SubgraphCodegenConfig = {
  contextType: '../loaders#SupervisionContext',
  // The subgraph maps its GraphQL types to its entities here, so each resolver's parent is the entity,
  // e.g. Application: '../lifecycle/application.entity#ApplicationEntity'.
  mappers: {},
};

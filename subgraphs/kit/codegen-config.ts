// What each subgraph's `codegen.config.ts` tells scripts/codegen.ts. Paths are relative to the
// generated file (`subgraphs/<name>/generated/graphql.ts`), in codegen's `path#Export` form.

export interface SubgraphCodegenConfig {
  /** The per-request context every resolver receives, e.g. `../loaders#ApplicationsContext`. */
  readonly contextType: string;
  /** GraphQL type name → the entity its resolvers receive as parent, e.g. `'../lifecycle/application.entity#ApplicationEntity'`. */
  readonly mappers: Readonly<Record<string, string>>;
}

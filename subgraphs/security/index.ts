// graphql-production-mode.ts must run before graphql loads, so the subgraph's modules are imported
// dynamically below it: in a bundle every static import loads before the bundle's own code runs.
import '../kit/graphql-production-mode';

const { runSubgraph } = await import('../kit/subgraph-main');
const { createDataSource } = await import('./data-source');
const { createEffectTasks } = await import('./effects');
const { createService } = await import('./server');

await runSubgraph('security', createDataSource, createService, { effectTasks: createEffectTasks });

import { runSubgraph } from '../kit/subgraph-main';
import { createDataSource } from './data-source';
import { createEffectTasks, PROVIDERS_SCHEDULE } from './effects';
import { createService } from './server';

await runSubgraph('providers', createDataSource, createService, { effectTasks: createEffectTasks, schedule: PROVIDERS_SCHEDULE });

import { runSubgraph } from '../kit/subgraph-main';
import { createDataSource } from './data-source';
import { createEffectTasks } from './effects';
import { createService } from './server';
import { readSettings } from './settings';

await runSubgraph('supervision', createDataSource, createService, { effectTasks: createEffectTasks, readSettings });

import { runSubgraph } from '../kit/subgraph-main';
import { createDataSource } from './data-source';
import { createService } from './server';

await runSubgraph('supervision', createDataSource, createService);

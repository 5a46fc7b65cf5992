// The applications subgraph's own settings, read with the kit's at start (runSubgraph, and
// `npm start` before it starts anything): where material files go (MATERIAL_STORE, MATERIAL_S3_*)
// and how large one may be (MATERIAL_MAX_BYTES). Whether the bucket answers is checked later, by
// the service's start (materialRoutesFromEnv), still before it reports ready.
import { readMaterialMaxBytes } from '../kit/material-upload';
import { readMaterialStoreConfig } from './materials/store-config';

export function readSettings(env: NodeJS.ProcessEnv): void {
  readMaterialStoreConfig(env);
  readMaterialMaxBytes(env);
}

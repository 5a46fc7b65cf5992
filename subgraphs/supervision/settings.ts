// The supervision subgraph's own settings, read with the kit's at start (runSubgraph, and
// `npm start` before it starts anything): the utilisation thresholds (UTILISATION_*).
import { readUtilisationThresholds } from './utilisation/utilisation.config';

export function readSettings(env: NodeJS.ProcessEnv): void {
  readUtilisationThresholds(env);
}

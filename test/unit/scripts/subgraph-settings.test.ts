import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../../subgraphs/kit/schema-files';
import { loadSubgraphModule, loadSubgraphSettings } from '../../../subgraphs/modules';

// `npm start` checks every setting through loadSubgraphSettings, which loads settings.ts alone:
// a subgraph that gains a settings.ts must be listed there too, or its bad setting would pass the check.
// Each case compiles a whole subgraph's modules: seconds on a busy two-core machine, past the 5 s default.
const LOADS_A_SUBGRAPH_MS = 30_000;

describe('the settings check npm start runs first', () => {
  it.each(SUBGRAPH_NAMES)(
    'reads %s’s own settings exactly when the subgraph has a settings.ts',
    { timeout: LOADS_A_SUBGRAPH_MS },
    async (name) => {
      const hasSettings = existsSync(path.join('subgraphs', name, 'settings.ts'));
      const { readSettings } = await loadSubgraphSettings(name);
      expect(typeof readSettings === 'function').toBe(hasSettings);
      expect(readSettings).toBe((await loadSubgraphModule(name)).readSettings);
    },
  );
});

import type { DataSource } from 'typeorm';
import type { World } from '../seed/world';
import type { WorldCopies } from '../seed/world/scale';
import type { SubgraphName } from './kit/schema-files';
import type { EffectTasks } from './kit/jobs';
import type { SubgraphRuntime } from './kit/subgraph-main';
import type { SubgraphService } from './kit/subgraph-server';

/** What every subgraph folder provides, so scripts and tests can treat the four alike. */
export interface SubgraphModule {
  createDataSource(url: string): DataSource;
  createService(runtime: SubgraphRuntime): Promise<SubgraphService>;
  /** The demo world, then a scaled world's copies when there are any (`npm run seed -- --scale N`). */
  seed(dataSource: DataSource, world: World, scaled?: WorldCopies): Promise<void>;
  /** The cross-subgraph effects this subgraph handles, when it handles any (`<name>/effects.ts`). */
  createEffectTasks?(runtime: SubgraphRuntime): EffectTasks;
  /** Checks the subgraph's own settings (beyond the kit's) at start, when it has any (`<name>/settings.ts`). */
  readSettings?(env: NodeJS.ProcessEnv): void;
}

const loaders: Record<SubgraphName, () => Promise<SubgraphModule>> = {
  providers: async () => ({
    ...(await import('./providers/data-source')),
    ...(await import('./providers/server')),
    ...(await import('./providers/seed')),
    ...(await import('./providers/effects')),
  }),
  applications: async () => ({
    ...(await import('./applications/data-source')),
    ...(await import('./applications/server')),
    ...(await import('./applications/seed')),
    ...(await import('./applications/effects')),
    ...(await import('./applications/settings')),
  }),
  security: async () => ({
    ...(await import('./security/data-source')),
    ...(await import('./security/server')),
    ...(await import('./security/seed')),
    ...(await import('./security/effects')),
  }),
  supervision: async () => ({
    ...(await import('./supervision/data-source')),
    ...(await import('./supervision/server')),
    ...(await import('./supervision/seed')),
    ...(await import('./supervision/effects')),
    ...(await import('./supervision/settings')),
  }),
};

export function loadSubgraphModule(name: SubgraphName): Promise<SubgraphModule> {
  return loaders[name]();
}

// The data source alone: migrating, or asking whether a schema is empty, needs no server, seed or effects.
const dataSourceLoaders: Record<SubgraphName, () => Promise<Pick<SubgraphModule, 'createDataSource'>>> = {
  providers: () => import('./providers/data-source'),
  applications: () => import('./applications/data-source'),
  security: () => import('./security/data-source'),
  supervision: () => import('./supervision/data-source'),
};

export function loadSubgraphDataSource(name: SubgraphName): Promise<Pick<SubgraphModule, 'createDataSource'>> {
  return dataSourceLoaders[name]();
}

// The settings check alone: `npm start` reads every setting before anything starts, and loading
// each subgraph's server, seed and effects only to reach it cost a second of the start.
const settingsLoaders: Record<SubgraphName, () => Promise<Pick<SubgraphModule, 'readSettings'>>> = {
  providers: async () => ({}),
  applications: () => import('./applications/settings'),
  security: async () => ({}),
  supervision: () => import('./supervision/settings'),
};

export function loadSubgraphSettings(name: SubgraphName): Promise<Pick<SubgraphModule, 'readSettings'>> {
  return settingsLoaders[name]();
}

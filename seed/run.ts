import type { DataSource } from 'typeorm';
import { migrate, migrateWith } from '../subgraphs/kit/data-source';
import { clearEffects, migrateJobs } from '../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/schema-files';
import { loadSubgraphDataSource, loadSubgraphModule } from '../subgraphs/modules';
import type { World } from './world';
import type { WorldCopies } from './world/scale';

interface SchemaChecked {
  name: SubgraphName;
  dataSource: DataSource;
  /** Empty (or to be reset): the demo world goes in. */
  fill: boolean;
}

export interface SeedReport {
  seeded: SubgraphName[];
  skipped: SubgraphName[];
}

/**
 * Migrates the job queue's schema and every subgraph's, as the owner (`migrationUrl`,
 * MIGRATION_DATABASE_URL): `npm run migrate`, and the first step of `npm start` and the seed.
 */
export async function migrateAll(migrationUrl: string): Promise<void> {
  // First, so the services' role (which may not create schemas) finds the queue ready.
  await migrateJobs(migrationUrl);
  for (const name of SUBGRAPH_NAMES) {
    const { createDataSource } = await loadSubgraphDataSource(name);
    await migrateWith(createDataSource, migrationUrl);
  }
}

/**
 * Migrates as migrateAll does, then loads the demo world into the subgraph schemas that are empty (or
 * into all of them, emptied first, with `reset`, which also drops queued effects). Order matters
 * only for readability: subgraphs reference each other by id, never by foreign key. `databaseUrl`
 * is the owner's (MIGRATION_DATABASE_URL): the services' role may not change schemas.
 */
export async function migrateAndSeed(
  databaseUrl: string,
  options: {
    reset?: boolean;
    /** N times the demo world (seed/world/scale.ts); default 1, the demo itself. */
    scale?: number;
    /** Told as each subgraph's copies and samples load (a scale above 1 only). */
    onProgress?: WorldCopies['onProgress'];
  } = {},
): Promise<SeedReport> {
  // First, so the services' role (which may not create schemas) finds the queue ready.
  await migrateJobs(databaseUrl);
  const opened: DataSource[] = [];
  // Each schema migrated and looked at on one data source of its own, the four at once: on an
  // existing database (every start) this is all it does, and it mostly waits on the database.
  const settled = await Promise.allSettled(
    SUBGRAPH_NAMES.map(async (name) => {
      const dataSource = (await loadSubgraphDataSource(name)).createDataSource(databaseUrl);
      opened.push(dataSource);
      await migrate(dataSource);
      return { name, dataSource, fill: options.reset === true || (await isSchemaEmpty(dataSource, name)) };
    }),
  );
  // Built, and each subgraph's seed loaded, only for a schema to fill: a start on an existing
  // database loads the data sources alone. Seeds run one after another, in the subgraphs' order.
  let seeding: { world: World; scaled: WorldCopies } | undefined;
  const report: SeedReport = { seeded: [], skipped: [] };
  try {
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
    const checked = settled.map((outcome) => (outcome as PromiseFulfilledResult<SchemaChecked>).value);
    for (const { name, dataSource, fill } of checked) {
      if (!fill) {
        report.skipped.push(name);
        continue;
      }
      if (options.reset) await truncateSchema(dataSource, name);
      seeding ??= await buildSeedWorld(options);
      await (await loadSubgraphModule(name)).seed(dataSource, seeding.world, seeding.scaled);
      report.seeded.push(name);
    }
  } finally {
    for (const dataSource of opened) if (dataSource.isInitialized) await dataSource.destroy();
  }
  // Effects still queued were caused in the world just emptied; they would act on the new one.
  if (options.reset) await clearEffects(databaseUrl);
  return report;
}

async function buildSeedWorld(options: { scale?: number; onProgress?: WorldCopies['onProgress'] }) {
  const [{ buildWorld }, { worldCopies }] = await Promise.all([import('./world'), import('./world/scale')]);
  const world = buildWorld();
  return { world, scaled: { copies: worldCopies(world, options.scale ?? 1), onProgress: options.onProgress } };
}

/** The schema's data: not its migrations, and not its audit trail, which outlives every reset. */
async function dataTables(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('migrations', 'audit_entry', 'audit_chain_head')`,
    [schema],
  );
  return rows.map((row) => `"${schema}"."${row.table_name}"`);
}

export async function isSchemaEmpty(dataSource: DataSource, schema: string): Promise<boolean> {
  const tables = await dataTables(dataSource, schema);
  if (tables.length === 0) return true;
  const [{ any_rows }] = await dataSource.query(
    `SELECT (${tables.map((table) => `EXISTS (SELECT 1 FROM ${table})`).join(' OR ')}) AS any_rows`,
  );
  return !any_rows;
}

async function truncateSchema(dataSource: DataSource, schema: string): Promise<void> {
  const tables = await dataTables(dataSource, schema);
  if (tables.length > 0) await dataSource.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
}

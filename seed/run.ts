import type { DataSource } from 'typeorm';
import { migrate } from '../subgraphs/kit/data-source';
import { clearEffects } from '../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../subgraphs/modules';
import { buildWorld } from './world';

export interface SeedReport {
  seeded: SubgraphName[];
  skipped: SubgraphName[];
}

/**
 * Migrates every subgraph's schema and loads the demo world into those that are empty
 * (or into all of them, emptied first, with `reset`, which also drops queued effects). Order matters only for readability:
 * subgraphs reference each other by id, never by foreign key.
 */
export async function migrateAndSeed(databaseUrl: string, options: { reset?: boolean } = {}): Promise<SeedReport> {
  const world = buildWorld();
  const report: SeedReport = { seeded: [], skipped: [] };
  for (const name of SUBGRAPH_NAMES) {
    const module = await loadSubgraphModule(name);
    const dataSource = module.createDataSource(databaseUrl);
    try {
      await migrate(dataSource);
      if (options.reset) await truncateSchema(dataSource, name);
      if (options.reset || (await isSchemaEmpty(dataSource, name))) {
        await module.seed(dataSource, world);
        report.seeded.push(name);
      } else {
        report.skipped.push(name);
      }
    } finally {
      await dataSource.destroy();
    }
  }
  // Effects still queued were caused in the world just emptied; they would act on the new one.
  if (options.reset) await clearEffects(databaseUrl);
  return report;
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

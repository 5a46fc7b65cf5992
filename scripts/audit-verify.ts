// `npm run audit:verify`: walks each subgraph's hash-chained audit trail and names every entry that
// was edited, inserted or deleted. Exits 1 when any chain is broken.
import { ConfigError } from '../subgraphs/kit/config';
import { verifyAuditTrail } from '../subgraphs/kit/audit-verify';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../subgraphs/modules';
import { openProjectDatabase } from './database';

let broken = 0;
try {
  const database = await openProjectDatabase();
  try {
    for (const name of SUBGRAPH_NAMES) {
      const dataSource = (await loadSubgraphModule(name)).createDataSource(database.url);
      try {
        await dataSource.initialize();
        const result = await verifyAuditTrail(dataSource, name);
        const verdict = result.problems.length === 0 ? '完整 (intact)' : `${result.problems.length} 处异常 (problems)`;
        console.log(`${name}: ${result.entries} 条审计记录 (entries), ${verdict}`);
        for (const problem of result.problems) console.log(`  - [${problem.kind}] ${problem.message}`);
        broken += result.problems.length;
      } catch (error) {
        // One chain that cannot be read does not stop the others being checked.
        console.log(`${name}: 无法核验 (could not be verified): ${(error as Error).message}`);
        broken += 1;
      } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
      }
    }
  } finally {
    await database.embedded?.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
process.exit(broken === 0 ? 0 : 1);

// `npm run audit:verify`: walks each subgraph's hash-chained audit trail and names every entry that
// was edited, inserted or deleted. Exits 1 when any chain is broken.
import { ConfigError } from '../subgraphs/kit/config';
import { verifyAuditTrail } from '../subgraphs/kit/audit-verify';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../subgraphs/modules';
import { parseCli, type CliOptions, type CliSpec } from './cli';
import { openProjectDatabase } from './database';

parseCli({
  usage: 'npm run audit:verify',
  help: `
逐条重算各子图哈希链审计记录，列出被修改、插入或删除的记录。
Walks each subgraph's hash-chained audit trail and names every edited, inserted or deleted entry.

  -h, --help     显示本说明 (show this help)

退出码 (exit code): 0 完整 (intact), 1 有异常 (a chain is broken), 2 无法运行或参数错误 (could not run, bad arguments).`,
  options: {},
} satisfies CliSpec<CliOptions>);

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

// Part of `npm run bench`: the monitoring agency's file import (第二十四条) — generate BENCH_MONITORING_ROWS
// (default 200,000) system samples for the seeded systems, import them fresh, then again (all
// duplicates). Figures, not assertions: the acceptance test (test/e2e/monitoring-import.e2e.test.ts) runs a million.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WORLD_TODAY } from '../../seed/world';
import { generateMonitoringFile } from '../../subgraphs/supervision/monitoring/ingest/generate';
import { importMonitoringFile } from '../../subgraphs/supervision/monitoring/ingest/import-file';
import type { Stack } from '../setup/local-stack';

const ROWS = Number(process.env.BENCH_MONITORING_ROWS ?? 200_000);

export async function benchMonitoringImport(stack: Stack): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'govcloud-bench-monitoring-'));
  try {
    const file = path.join(dir, 'samples.csv');
    await generateMonitoringFile({ rows: ROWS, out: file, systems: stack.world.systems, lastDay: WORLD_TODAY });
    for (const label of ['fresh', 'again (all duplicates)']) {
      const summary = await importMonitoringFile(stack.dataSources.supervision, file, { progress: null });
      const phases = Object.entries(summary.phases)
        .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
        .join(', ');
      console.log(
        `monitoring file import, ${ROWS.toLocaleString('en-US')} rows (${(summary.bytes / 1048576).toFixed(1)} MB), ${label}: ` +
          `${summary.seconds.toFixed(1)} s, ${Math.round(ROWS / summary.seconds).toLocaleString('en-US')} rows/s (${phases}); ` +
          `accepted ${summary.accepted}, duplicates ${summary.duplicates}, days rolled up ${summary.daysRolledUp}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

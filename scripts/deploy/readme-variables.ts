// The environment variables the README's tables list: the first column of every table headed
// `variable`, each backticked NAME, with `PROVIDERS_URL` … `SUPERVISION_URL` and
// `GATEWAY_MAX_OLD_SPACE_MB`, `PROVIDERS_MAX_OLD_SPACE_MB` … spelled out for every process.
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';

const PROCESSES = ['GATEWAY', ...SUBGRAPH_NAMES.map((name) => name.toUpperCase())];

export function readmeVariables(readme: string): string[] {
  const found = new Set<string>();
  let inTable = false;
  for (const line of readme.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const first = line.split('|')[1]?.trim() ?? '';
    if (/^variable\b/i.test(first)) {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+$/.test(first)) continue;
    const names = [...first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]);
    for (const name of names) found.add(name);
    if (first.includes('…')) {
      // A name per process: the same suffix after each process's prefix.
      for (const name of names) {
        const prefix = PROCESSES.find((process) => name.startsWith(`${process}_`));
        if (!prefix) continue;
        const suffix = name.slice(prefix.length);
        const subgraphsOnly = !names.some((other) => other.startsWith('GATEWAY_'));
        for (const process of subgraphsOnly ? PROCESSES.slice(1) : PROCESSES) found.add(`${process}${suffix}`);
      }
    }
  }
  return [...found].sort();
}

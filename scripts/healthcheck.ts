// The image's HEALTHCHECK (`node dist/healthcheck.js`): one image runs all five processes, the
// command choosing which, so the check reads the container's main process (PID 1) to learn which
// one this is and asks that process's readiness route on its port — the gateway's /ready (every
// subgraph answers), a subgraph's /ready (its database answers). A one-shot command (migrate,
// seed, db-roles …) serves nothing and counts as healthy. Exit 0 healthy, 1 not.
import { readFileSync } from 'node:fs';

/** The process each entry serves, with the variable naming its port and that port's default. */
export const SERVED_PROCESSES: Record<string, { portVariable: string; defaultPort: number }> = {
  gateway: { portVariable: 'GATEWAY_PORT', defaultPort: 4000 },
  providers: { portVariable: 'PROVIDERS_PORT', defaultPort: 4001 },
  applications: { portVariable: 'APPLICATIONS_PORT', defaultPort: 4002 },
  security: { portVariable: 'SECURITY_PORT', defaultPort: 4003 },
  supervision: { portVariable: 'SUPERVISION_PORT', defaultPort: 4004 },
};

/** Which served process a command line runs (`node … dist/gateway.js`), or undefined for any other. */
export function servedProcessOf(argv: string[]): string | undefined {
  for (const arg of argv) {
    const match = /(?:^|\/)dist\/([a-z-]+)\.js$/.exec(arg);
    if (match && match[1] in SERVED_PROCESSES) return match[1];
  }
  return undefined;
}

/** The readiness URL of that process under this environment. */
export function readinessUrl(name: string, env: NodeJS.ProcessEnv): string {
  const { portVariable, defaultPort } = SERVED_PROCESSES[name];
  const port = env[portVariable] || String(defaultPort);
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/ready`;
}

async function main(): Promise<number> {
  let argv: string[];
  try {
    argv = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
  } catch {
    argv = [];
  }
  const name = process.env.HEALTHCHECK_PROCESS || servedProcessOf(argv);
  if (!name || !(name in SERVED_PROCESSES)) return 0;
  try {
    const response = await fetch(readinessUrl(name, process.env), { signal: AbortSignal.timeout(3_000) });
    await response.body?.cancel();
    return response.status === 200 ? 0 : 1;
  } catch {
    return 1;
  }
}

if (process.argv[1]?.endsWith('healthcheck.js') || process.argv[1]?.endsWith('healthcheck.ts')) process.exit(await main());

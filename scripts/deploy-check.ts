// `npm run deploy:check` (in CI): the deployment files checked without Docker or a cluster.
// docker-compose.yml as `docker compose config` would, with and without the demo profile
// (scripts/deploy/compose-config.ts); each deploy/k8s overlay rendered by kustomize and every
// manifest validated against its schema (scripts/deploy/k8s.ts).
import path from 'node:path';
import { COMPOSE_EXAMPLE_ENV_PATH, COMPOSE_FILE, composeConfig, readEnvFile } from './deploy/compose-config';
import { kubectlBinary, OVERLAYS, renderOverlay, validateManifests } from './deploy/k8s';

let failed = false;
const report = (what: string, errors: string[], summary: string) => {
  if (errors.length === 0) console.log(`✓ ${what}: ${summary}`);
  else {
    failed = true;
    console.error(`✗ ${what}:\n  ${errors.join('\n  ')}`);
  }
};

const env = readEnvFile(COMPOSE_EXAMPLE_ENV_PATH);
for (const profiles of [[], ['demo']]) {
  const { errors, active } = composeConfig(COMPOSE_FILE, env, profiles);
  const what = `${path.basename(COMPOSE_FILE)}${profiles.length ? ` --profile ${profiles.join(' --profile ')}` : ''}`;
  report(what, errors, `valid Compose file, starts ${active.join(', ')}`);
}

const kubectl = kubectlBinary((line) => console.log(line));
for (const overlay of OVERLAYS) {
  const what = `deploy/k8s/overlays/${overlay}`;
  try {
    const manifests = renderOverlay(overlay, kubectl);
    const kinds = [...new Set(manifests.map((manifest) => manifest.kind))].sort();
    report(what, await validateManifests(manifests), `${manifests.length} manifests valid (${kinds.join(', ')})`);
  } catch (error) {
    report(what, [(error as Error).message], '');
  }
}

process.exit(failed ? 1 : 0);

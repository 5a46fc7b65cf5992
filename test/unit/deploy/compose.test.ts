// docker-compose.yml, checked as `docker compose config` would (scripts/deploy/compose-config.ts,
// the Compose Specification's schema): it is valid with the variables it asks for and names each
// missing one; it seeds nothing unless the demo profile is asked for; every variable the README's
// tables list reaches the processes; the gateway has no fixed host port, so it scales; and every
// process runs the compiled build.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_ENTRIES } from '../../../scripts/build';
import {
  COMPOSE_EXAMPLE_ENV_PATH,
  COMPOSE_FILE,
  composeConfig,
  dependenciesOf,
  environmentOf,
  readEnvFile,
  type ComposeService,
} from '../../../scripts/deploy/compose-config';
import { readmeVariables } from '../../../scripts/deploy/readme-variables';

const root = path.resolve(import.meta.dirname, '../../..');
const REQUIRED_ENV = readEnvFile(COMPOSE_EXAMPLE_ENV_PATH);

/** Variables of `npm start`'s own supervisor and embedded database, which Compose replaces. */
const START_ONLY: Record<string, string> = {
  EMBEDDED_PG_PORT: 'Compose runs its own PostgreSQL service',
  RESTART_INITIAL_MS: "Compose's restart policy restarts a crashed process",
  RESTART_MAX_MS: "Compose's restart policy restarts a crashed process",
  START_FROM_SOURCES: 'Compose runs the built services; there is no supervisor to run from its sources',
};

const commandOf = (service: ComposeService) => (Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? ''));
const seeds = (service: ComposeService) => /\bseed(\.js|\.ts)?\b/.test(commandOf(service));

describe('docker-compose.yml is a valid Compose file', () => {
  it('validates against the Compose Specification with the variables its header asks for, with and without the demo profile', () => {
    for (const profiles of [[], ['demo']]) {
      const { errors, active } = composeConfig(COMPOSE_FILE, REQUIRED_ENV, profiles);
      expect(errors, profiles.join()).toEqual([]);
      expect(active).toEqual(
        expect.arrayContaining(['postgres', 'migrate', 'providers', 'applications', 'security', 'supervision', 'gateway']),
      );
    }
  });

  it('names each required variable that is missing, as docker compose config does', () => {
    const { errors } = composeConfig(COMPOSE_FILE, { ...REQUIRED_ENV, INTERNAL_TOKEN_SECRET: '', DB_OWNER_PASSWORD: undefined });
    expect(errors.join('\n')).toMatch(/required variable INTERNAL_TOKEN_SECRET/);
    expect(errors.join('\n')).toMatch(/required variable DB_OWNER_PASSWORD/);
  });
});

describe('the demo world is opt-in', () => {
  it('seeds nothing unless the demo profile is asked for', () => {
    const { project, active } = composeConfig(COMPOSE_FILE, REQUIRED_ENV);
    const seeding = active.filter((name) => seeds(project.services[name]));
    expect(seeding, 'services that seed without --profile demo').toEqual([]);
    // Migrations still run, once, as their own step.
    expect(active.filter((name) => commandOf(project.services[name]).includes('migrate'))).toEqual(['migrate']);
  });

  it('with --profile demo the seed runs after the migrations and before the subgraphs', () => {
    const { project, active } = composeConfig(COMPOSE_FILE, REQUIRED_ENV, ['demo']);
    const seeding = active.filter((name) => seeds(project.services[name]));
    expect(seeding).toEqual(['seed']);
    expect(project.services.seed.profiles).toEqual(['demo']);
    expect(dependenciesOf(project.services.seed).map(([name]) => name)).toContain('migrate');
    for (const name of ['providers', 'applications', 'security', 'supervision']) {
      expect(Object.fromEntries(dependenciesOf(project.services[name]))).toMatchObject({
        seed: { condition: 'service_completed_successfully', required: false },
      });
    }
  });
});

describe('every variable the README lists reaches the processes', () => {
  it('the README tables give the variables (sanity: the ones the issue names are among them)', () => {
    const variables = readmeVariables(readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(variables).toEqual(
      expect.arrayContaining([
        'MATERIAL_STORE',
        'MATERIAL_S3_ENDPOINT',
        'MATERIAL_MAX_BYTES',
        'UTILISATION_MIN_DAYS_WITH_DATA',
        'SUPERVISION_URL',
      ]),
    );
  });

  it('docker-compose.yml sets or passes through each of them (npm start-only ones excepted, with the reason)', () => {
    const variables = readmeVariables(readFileSync(path.join(root, 'README.md'), 'utf8'));
    const { project, variables: referenced } = composeConfig(COMPOSE_FILE, REQUIRED_ENV, ['demo']);
    const given = new Set([...referenced, ...Object.values(project.services).flatMap((service) => Object.keys(environmentOf(service)))]);
    const missing = variables.filter((name) => !given.has(name) && !(name in START_ONLY));
    expect(missing, 'README variables docker-compose.yml leaves out').toEqual([]);
  });
});

describe('one image, compiled, and a gateway that scales', () => {
  it('every process of the image runs a compiled entry point with node, never tsx', () => {
    const { project } = composeConfig(COMPOSE_FILE, REQUIRED_ENV, ['demo']);
    const ours = Object.entries(project.services).filter(([, service]) => service.build !== undefined);
    expect(ours.map(([name]) => name)).toEqual(expect.arrayContaining(['db-roles', 'migrate', 'seed', 'gateway', 'providers']));
    for (const [name, service] of ours) {
      const [node, entry, ...rest] = service.command as string[];
      expect([node, rest.length], name).toEqual(['node', 0]);
      expect(entry, name).toMatch(/^dist\/[a-z-]+\.js$/);
      expect(Object.keys(BUILD_ENTRIES), name).toContain(entry.slice('dist/'.length, -'.js'.length));
    }
  });

  it('the gateway publishes no host port and runs replicas behind the proxy, the only published port', () => {
    const { project } = composeConfig(COMPOSE_FILE, REQUIRED_ENV);
    expect(project.services.gateway.ports).toBeUndefined();
    expect(Number(project.services.gateway.deploy?.replicas)).toBeGreaterThan(1);
    const published = Object.entries(project.services).filter(([, service]) => (service.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    const nginx = readFileSync(path.join(root, 'deploy/compose/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
    expect(nginx).toMatch(/proxy_pass \$gateway/);
  });
});

describe('what docker compose would refuse at start', () => {
  it('waiting for a service to be healthy needs a healthcheck there, or a HEALTHCHECK in the Dockerfile it is built from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    try {
      const file = path.join(dir, 'docker-compose.yml');
      writeFileSync(file, 'services:\n  a: { build: . }\n  b:\n    image: b\n    depends_on: { a: { condition: service_healthy } }\n');
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nCMD ["node"]\n');
      expect(composeConfig(file, {}).errors).toEqual([
        "b: waits for a to be healthy, which has no healthcheck (nor its image's Dockerfile)",
      ]);
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20\nHEALTHCHECK CMD ["node", "check.js"]\nCMD ["node"]\n');
      expect(composeConfig(file, {}).errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

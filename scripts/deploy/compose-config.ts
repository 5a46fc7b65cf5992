// `docker compose config` without Docker: reads docker-compose.yml as Compose does — YAML with
// merge keys (`<<`), `${VAR}` interpolation with its defaults (`:-`, `-`), required values (`:?`,
// `?`), alternatives (`:+`, `+`), nesting and `$$` — validates the result against the Compose
// Specification's JSON schema (deploy/schemas/compose-spec.json, from the compose-spec project)
// and checks what the schema cannot: dependencies name services, a service started by default
// depends on none that only a profile starts, named volumes are declared, bind-mounted files exist.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
export const COMPOSE_SPEC_SCHEMA_PATH = path.join(root, 'deploy/schemas/compose-spec.json');
export const COMPOSE_FILE = path.join(root, 'docker-compose.yml');
/** The placeholders of what a .env beside docker-compose.yml must set. */
export const COMPOSE_EXAMPLE_ENV_PATH = path.join(root, 'deploy/compose/example.env');

/** A .env file's NAME=value lines (comments and blank lines skipped). */
export function readEnvFile(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition: string; required?: boolean }>;
  ports?: Array<string | { published?: string | number; target: number }>;
  volumes?: Array<string | { type: string; source?: string; target: string }>;
  deploy?: { replicas?: number | string };
  [key: string]: unknown;
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ComposeConfig {
  /** The whole file after interpolation (as `docker compose config` prints it, every profile). */
  project: ComposeProject;
  /** The services `docker compose up` starts with these profiles. */
  active: string[];
  /** Every variable the file refers to, set or not. */
  variables: Set<string>;
  /** What Compose would refuse; empty when the file is valid. */
  errors: string[];
}

/** Reads and checks `file` as `docker compose [--profile P …] config` would, under `env`. */
export function composeConfig(file: string, env: Record<string, string | undefined>, profiles: string[] = []): ComposeConfig {
  const errors: string[] = [];
  const variables = new Set<string>();
  const raw = parse(readFileSync(file, 'utf8'), { merge: true, maxAliasCount: -1 }) as unknown;
  const project = interpolateValue(raw, env, variables, errors, '') as ComposeProject;

  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema names draft-07 by its https address, which Ajv knows by http: the draft is Ajv's default.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(COMPOSE_SPEC_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const validate = ajv.compile(schema);
  if (!validate(project)) {
    for (const error of validate.errors ?? [])
      errors.push(`schema: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
  const services = project?.services ?? {};
  const isActive = (name: string) => {
    const own = services[name]?.profiles ?? [];
    return own.length === 0 || own.some((profile) => profiles.includes(profile));
  };
  const active = Object.keys(services).filter(isActive);
  for (const [name, service] of Object.entries(services)) {
    if (!service.image && !service.build) errors.push(`${name}: neither image nor build`);
    for (const [dependency, options] of dependenciesOf(service)) {
      if (!(dependency in services)) errors.push(`${name}: depends on undefined service ${dependency}`);
      else if (options.condition === 'service_healthy' && !hasHealthcheck(file, services[dependency])) {
        errors.push(`${name}: waits for ${dependency} to be healthy, which has no healthcheck (nor its image's Dockerfile)`);
      } else if (isActive(name) && !isActive(dependency) && options.required !== false) {
        errors.push(`${name}: depends on ${dependency}, which only profile ${services[dependency].profiles?.join(', ')} starts`);
      }
    }
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (!source) continue;
      if (source.startsWith('.') || source.startsWith('/')) {
        if (!existsSync(path.resolve(path.dirname(file), source))) errors.push(`${name}: bind mount ${source} does not exist`);
      } else if (!(source in (project.volumes ?? {}))) errors.push(`${name}: volume ${source} is not declared`);
    }
  }
  return { project, active, variables, errors };
}

/** A healthcheck in the service, or a HEALTHCHECK in the Dockerfile it is built from. */
function hasHealthcheck(file: string, service: ComposeService): boolean {
  const check = service.healthcheck as { disable?: boolean; test?: unknown } | undefined;
  if (check) return !check.disable && check.test !== undefined;
  if (service.build === undefined) return false;
  const build =
    typeof service.build === 'string' ? { context: service.build } : (service.build as { context?: string; dockerfile?: string });
  const dockerfile = path.resolve(path.dirname(file), build.context ?? '.', build.dockerfile ?? 'Dockerfile');
  return existsSync(dockerfile) && /^HEALTHCHECK\s+(?!NONE)/m.test(readFileSync(dockerfile, 'utf8'));
}

/** A service's dependencies with their options, whichever form depends_on takes. */
export function dependenciesOf(service: ComposeService): Array<[string, { condition?: string; required?: boolean }]> {
  const dependsOn = service.depends_on;
  if (!dependsOn) return [];
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => [name, {}]);
  return Object.entries(dependsOn);
}

/** A service's environment as a map (Compose accepts a map or a list of NAME=value). */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment;
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function interpolateValue(
  value: unknown,
  env: Record<string, string | undefined>,
  variables: Set<string>,
  errors: string[],
  at: string,
): unknown {
  if (typeof value === 'string') return interpolate(value, env, variables, errors, at);
  if (Array.isArray(value)) return value.map((item, index) => interpolateValue(item, env, variables, errors, `${at}/${index}`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateValue(item, env, variables, errors, `${at}/${key}`)]),
    );
  }
  return value;
}

/** Compose's interpolation of one string value; a required variable that is missing is an error naming it. */
export function interpolate(
  text: string,
  env: Record<string, string | undefined>,
  variables: Set<string> = new Set(),
  errors: string[] = [],
  at = '',
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        errors.push(`${at}: unclosed \${ in ${JSON.stringify(text)}`);
        return out + text.slice(i);
      }
      out += substitute(text.slice(i + 2, end), env, variables, errors, at);
      i = end + 1;
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!match) {
        errors.push(`${at}: invalid interpolation format in ${JSON.stringify(text)}`);
        return out + text.slice(i);
      }
      variables.add(match[0]);
      out += env[match[0]] ?? '';
      i += 1 + match[0].length;
    }
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function substitute(
  expression: string,
  env: Record<string, string | undefined>,
  variables: Set<string>,
  errors: string[],
  at: string,
): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) {
    errors.push(`${at}: invalid interpolation format \${${expression}}`);
    return '';
  }
  const [, name, operator, argument = ''] = match;
  variables.add(name);
  const value = env[name];
  const set = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const rest = () => interpolate(argument, env, variables, errors, at);
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
    case '-':
      return set ? value! : rest();
    case ':?':
    case '?':
      if (!set) errors.push(`${at}: required variable ${name} is missing a value: ${rest()}`);
      return value ?? '';
    case ':+':
    case '+':
      return set ? rest() : '';
    default:
      return '';
  }
}

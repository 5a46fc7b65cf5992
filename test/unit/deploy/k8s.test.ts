// deploy/k8s rendered by kustomize (each overlay) and checked without a cluster: every manifest
// valid against its schema (the Kubernetes API's, CloudNativePG's CRDs); a Deployment per process
// running the compiled build with probes, resources, an autoscaler, a disruption budget and a
// Service; a migration Job; Secrets holding placeholders only; NetworkPolicies that let only the
// gateway — and the subgraphs that call another through kit/subgraph-client.ts — reach a
// subgraph; PostgreSQL as a CloudNativePG Cluster of three with continuous backup to S3.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_ENTRIES } from '../../../scripts/build';
import { kubectlBinary, OVERLAYS, renderOverlay, validateManifests, type Manifest } from '../../../scripts/deploy/k8s';
import { readInternalTokenSecret } from '../../../subgraphs/kit/config';
import { SUBGRAPH_NAMES } from '../../../subgraphs/kit/schema-files';

const root = path.resolve(import.meta.dirname, '../../..');
const PROCESSES = ['gateway', ...SUBGRAPH_NAMES] as const;

interface Container {
  name: string;
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: Record<string, { name: string; key: string }> }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: Record<string, unknown>;
  livenessProbe?: Record<string, unknown>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean };
}
type Labels = Record<string, string>;

const rendered: Record<string, Manifest[]> = {};
beforeAll(() => {
  const kubectl = kubectlBinary((line) => console.log(line));
  for (const overlay of OVERLAYS) rendered[overlay] = renderOverlay(overlay, kubectl);
}, 300_000);

const find = (manifests: Manifest[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const podTemplate = (manifest: Manifest) => (manifest.spec as { template: { metadata: { labels: Labels }; spec: PodSpec } }).template;
const matches = (selector: Labels | undefined, labels: Labels) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);

/** Which subgraphs each subgraph calls (`subgraphUrls?.<name>` in its server.ts), read from the code. */
function subgraphCalls(): Record<string, string[]> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const source = readFileSync(path.join(root, 'subgraphs', name, 'server.ts'), 'utf8');
      const called = new Set([...source.matchAll(/subgraphUrls\??\.(\w+)/g)].map((match) => match[1]).filter((other) => other !== name));
      return [name, [...called].sort()];
    }),
  );
}

/** The processes whose pods may open a connection to `target`'s pods, by the rendered NetworkPolicies. */
function allowedSources(manifests: Manifest[], target: string): string[] {
  const labelsOf = (name: string) => podTemplate(find(manifests, 'Deployment', name)!).metadata.labels;
  const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
  type Peer = { podSelector?: { matchLabels?: Labels }; namespaceSelector?: unknown };
  type Rule = { from?: Peer[] };
  const applying = policies.filter((policy) =>
    matches((policy.spec as { podSelector: { matchLabels?: Labels } }).podSelector.matchLabels, labelsOf(target)),
  );
  if (applying.length === 0) return [...PROCESSES];
  return PROCESSES.filter((source) =>
    applying.some((policy) =>
      ((policy.spec as { ingress?: Rule[] }).ingress ?? []).some(
        (rule) =>
          !rule.from || rule.from.some((peer) => !peer.namespaceSelector && matches(peer.podSelector?.matchLabels, labelsOf(source))),
      ),
    ),
  );
}

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const manifests = () => rendered[overlay];

  it('renders, and every manifest is valid against its schema (Kubernetes API, CloudNativePG CRDs)', async () => {
    expect(manifests().length).toBeGreaterThan(30);
    expect(await validateManifests(manifests())).toEqual([]);
    expect(new Set(manifests().map((m) => m.metadata.namespace ?? (m.kind === 'Namespace' ? m.metadata.name : undefined)))).toEqual(
      new Set([overlay === 'production' ? 'govcloud' : 'govcloud-demo']),
    );
  }, 120_000);

  it.each(PROCESSES)('%s: a Deployment running the compiled build with probes and resources, a Service, an HPA and a PDB', (name) => {
    const deployment = find(manifests(), 'Deployment', name);
    expect(deployment).toBeDefined();
    const { metadata, spec } = podTemplate(deployment!);
    expect(spec.securityContext?.runAsNonRoot).toBe(true);
    const [container] = spec.containers;
    expect(container.command).toEqual(['node', `dist/${name}.js`]);
    expect(Object.keys(BUILD_ENTRIES)).toContain(name);
    expect(container.readinessProbe).toBeDefined();
    expect(container.livenessProbe).toBeDefined();
    expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(container.resources?.limits?.memory).toBeDefined();

    const hpa = find(manifests(), 'HorizontalPodAutoscaler', name);
    expect(hpa?.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    const pdb = find(manifests(), 'PodDisruptionBudget', name);
    expect(matches((pdb?.spec?.selector as { matchLabels: Labels }).matchLabels, metadata.labels)).toBe(true);
    const service = find(manifests(), 'Service', name);
    expect(matches(service?.spec?.selector as Labels, metadata.labels)).toBe(true);
  });

  it('a Job runs the migrations (after db-roles) with the owner role; the subgraphs get the service role only', () => {
    const job = find(manifests(), 'Job', 'govcloud-migrate');
    const { spec } = podTemplate(job!);
    expect(spec.initContainers?.map((container) => container.command)).toEqual([['node', 'dist/db-roles.js']]);
    expect(spec.containers.map((container) => container.command)).toEqual([['node', 'dist/migrate.js']]);
    for (const name of SUBGRAPH_NAMES) {
      const env = podTemplate(find(manifests(), 'Deployment', name)!).spec.containers[0].env ?? [];
      expect(env.map((variable) => variable.name)).not.toContain('MIGRATION_DATABASE_URL');
      expect(env.find((variable) => variable.name === 'DATABASE_URL')?.value).toMatch(
        /^postgres:\/\/govcloud_service:\$\(DB_SERVICE_PASSWORD\)@govcloud-db-rw:5432\//,
      );
      expect(env.find((variable) => variable.name === 'DATABASE_READ_URL')?.value).toMatch(/@govcloud-db-ro:5432\//);
    }
    const seeding = manifests().filter(
      (m) => m.kind === 'Job' && podTemplate(m).spec.containers.some((c) => c.command?.includes('dist/seed.js')),
    );
    expect(seeding.map((m) => m.metadata.name)).toEqual(overlay === 'demo' ? ['govcloud-seed'] : []);
  });

  it('Secrets hold placeholders only, and the internal secret placeholder is refused at start', async () => {
    const secrets = manifests().filter((m) => m.kind === 'Secret');
    expect(secrets.map((m) => m.metadata.name)).toEqual(
      expect.arrayContaining([
        'govcloud-internal-token',
        'govcloud-db-owner',
        'govcloud-db-service',
        'govcloud-db-superuser',
        'govcloud-backup-s3',
      ]),
    );
    for (const secret of secrets) {
      expect(secret.data, secret.metadata.name).toBeUndefined();
      for (const [key, value] of Object.entries(secret.stringData as Record<string, string>)) {
        if (key === 'username') continue;
        expect(['REPLACE-ME', ''], `${secret.metadata.name}.${key}`).toContain(value);
      }
    }
    const placeholder = (find(manifests(), 'Secret', 'govcloud-internal-token')!.stringData as Record<string, string>)
      .INTERNAL_TOKEN_SECRET;
    await expect(readInternalTokenSecret({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: placeholder })).rejects.toThrow(/32/);
  });

  it('every Secret and ConfigMap a pod refers to is rendered, with the key it asks for', () => {
    const present = (kind: string, name: string, key?: string) => {
      const manifest = find(manifests(), kind, name);
      if (!manifest) return false;
      if (!key) return true;
      const data = { ...(manifest.data as object), ...(manifest.stringData as object) };
      return key in data;
    };
    const workloads = manifests().filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
    for (const workload of workloads) {
      const { spec } = podTemplate(workload);
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const from of container.envFrom ?? []) {
          if (from.configMapRef) expect(present('ConfigMap', from.configMapRef.name), from.configMapRef.name).toBe(true);
          if (from.secretRef) expect(present('Secret', from.secretRef.name), from.secretRef.name).toBe(true);
        }
        for (const variable of container.env ?? []) {
          const secret = variable.valueFrom?.secretKeyRef;
          const config = variable.valueFrom?.configMapKeyRef;
          if (secret) expect(present('Secret', secret.name, secret.key), `${workload.metadata.name} ${variable.name}`).toBe(true);
          if (config) expect(present('ConfigMap', config.name, config.key), `${workload.metadata.name} ${variable.name}`).toBe(true);
        }
      }
    }
  });

  it('NetworkPolicies: only the gateway and the subgraphs that call a subgraph (kit/subgraph-client.ts) reach it', () => {
    const calls = subgraphCalls();
    // The code as read: applications asks providers, security and supervision; providers asks
    // applications; supervision asks applications and security; security asks nobody.
    expect(calls).toEqual({
      providers: ['applications'],
      applications: ['providers', 'security', 'supervision'],
      security: [],
      supervision: ['applications', 'security'],
    });
    for (const target of SUBGRAPH_NAMES) {
      const callers = SUBGRAPH_NAMES.filter((source) => calls[source].includes(target));
      expect(allowedSources(manifests(), target).sort(), target).toEqual(['gateway', ...callers].sort());
    }
    expect(allowedSources(manifests(), 'gateway')).toEqual([...PROCESSES]);
  });

  it('every NetworkPolicy selects pods that exist (Deployments, Jobs, the database instances)', () => {
    const cluster = find(manifests(), 'Cluster', 'govcloud-db')!;
    const inherited = (cluster.spec?.inheritedMetadata as { labels: Labels }).labels;
    const podLabels = [
      ...manifests()
        .filter((m) => m.kind === 'Deployment' || m.kind === 'Job')
        .map((m) => podTemplate(m).metadata.labels),
      { ...inherited, 'cnpg.io/cluster': 'govcloud-db' },
    ];
    for (const policy of manifests().filter((m) => m.kind === 'NetworkPolicy')) {
      const selector = (policy.spec as { podSelector: { matchLabels?: Labels } }).podSelector.matchLabels;
      expect(
        podLabels.some((labels) => matches(selector, labels)),
        policy.metadata.name,
      ).toBe(true);
    }
  });

  it('PostgreSQL is a CloudNativePG Cluster with continuous backup to S3-compatible storage and a daily base backup', () => {
    const cluster = find(manifests(), 'Cluster', 'govcloud-db')!;
    expect(cluster.spec?.instances).toBe(overlay === 'production' ? 3 : 1);
    const backup = cluster.spec?.backup as {
      barmanObjectStore: { destinationPath: string; s3Credentials: Record<string, { name: string; key: string }> };
    };
    expect(backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    for (const { name, key } of Object.values(backup.barmanObjectStore.s3Credentials)) {
      expect(Object.keys(find(manifests(), 'Secret', name)!.stringData as object)).toContain(key);
    }
    const scheduled = find(manifests(), 'ScheduledBackup', 'govcloud-db-daily');
    expect(scheduled?.spec?.cluster).toEqual({ name: 'govcloud-db' });
  });
});

describe('schema validation catches mistakes', () => {
  it('refuses a wrong type and a misspelt field in a built-in kind, an unknown field in the Cluster, and a kind with no schema', async () => {
    const [deployment] = rendered.production.filter((m) => m.kind === 'Deployment');
    const { template } = deployment.spec as { template: { metadata: unknown; spec: PodSpec } };
    const [container] = template.spec.containers;
    const misspelt = { ...container, readinessprobe: container.readinessProbe, readinessProbe: undefined };
    const cluster = find(rendered.production, 'Cluster', 'govcloud-db')!;
    const errors = await validateManifests([
      { ...deployment, spec: { ...deployment.spec, replicas: 'three' } },
      {
        ...deployment,
        metadata: { name: 'misspelt' },
        spec: { ...deployment.spec, template: { ...template, spec: { ...template.spec, containers: [misspelt] } } },
      },
      { ...cluster, spec: { ...cluster.spec, instancez: 3 } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(/^Deployment\/\w+: .*replicas must be integer/),
      expect.stringMatching(/^Cluster\/govcloud-db: \/spec must NOT have additional properties .*instancez/),
      'Widget/w: unknown kind example.com/v1 Widget',
      expect.stringMatching(/^Deployment\/\w+: Type 'string' is not assignable to type 'number'/),
      expect.stringMatching(/^Deployment\/misspelt: Object literal may only specify known properties, .*readinessprobe.* 'IContainer'/),
    ]);
  }, 120_000);
});

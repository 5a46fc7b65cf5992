// The Kubernetes manifests (deploy/k8s), rendered and validated without a cluster.
// Rendering: `kubectl kustomize` — the one on PATH, or else Debian's kubernetes-client package
// (kubectl 1.20 with kustomize v2), fetched with `apt-get download` and unpacked into
// .data/tools, nothing installed system-wide; the kustomizations are written for both (base's
// kustomization.yaml says how). Validation: every built-in kind against the Kubernetes API's
// schemas (the kubernetes-models package's validators: types, required fields, enumerations);
// then the same manifests as object literals typed by kubernetes-models' interfaces, compiled by
// TypeScript, whose excess-property check refuses a field the API does not have (a misspelt
// `readinessprobe` that kubectl apply would drop); CloudNativePG's Cluster and ScheduledBackup
// against the CRDs' own openAPIV3Schema (deploy/schemas/cloudnative-pg), with unknown fields
// refused as the API server would prune them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import addFormatsPlugin from 'ajv-formats';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

const root = path.resolve(import.meta.dirname, '../..');
export const K8S_DIR = path.join(root, 'deploy/k8s');
export const OVERLAYS = ['production', 'demo'] as const;
const TOOLS_DIR = path.join(root, '.data/tools/kubernetes-client');
const CNPG_SCHEMAS_DIR = path.join(root, 'deploy/schemas/cloudnative-pg');

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  spec?: Record<string, unknown> & { [key: string]: unknown };
  [key: string]: unknown;
}

function works(binary: string): boolean {
  try {
    execFileSync(binary, ['kustomize', '--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A kubectl that can `kustomize`: on PATH, or Debian's kubernetes-client unpacked into .data/tools. */
export function kubectlBinary(log: (line: string) => void = () => undefined): string {
  if (works('kubectl')) return 'kubectl';
  const unpacked = path.join(TOOLS_DIR, 'usr/bin/kubectl');
  if (existsSync(unpacked) && works(unpacked)) return unpacked;
  log('kubectl 不在 PATH 上：下载 Debian 的 kubernetes-client 软件包到 .data/tools (fetching Debian kubernetes-client)');
  rmSync(TOOLS_DIR, { recursive: true, force: true });
  mkdirSync(TOOLS_DIR, { recursive: true });
  const download = () => execFileSync('apt-get', ['download', 'kubernetes-client'], { cwd: TOOLS_DIR, stdio: 'pipe' });
  try {
    download();
  } catch {
    // No package lists yet (a fresh machine): as root, fetch them once.
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'pipe' });
    download();
  }
  const deb = readdirSync(TOOLS_DIR).find((file) => file.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download kubernetes-client left no .deb');
  execFileSync('dpkg-deb', ['-x', path.join(TOOLS_DIR, deb), TOOLS_DIR]);
  if (!works(unpacked)) throw new Error(`${unpacked} cannot run kustomize`);
  return unpacked;
}

/** `kubectl kustomize deploy/k8s/overlays/<overlay>`, parsed. */
export function renderOverlay(overlay: string, kubectl = kubectlBinary()): Manifest[] {
  const text = execFileSync(kubectl, ['kustomize', path.join(K8S_DIR, 'overlays', overlay)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

type ModelClass = new (data: unknown) => { validate(): void };

/** The kubernetes-models module of an apiVersion: `apps/v1` → kubernetes-models/apps/v1, `v1` → kubernetes-models/v1. */
async function builtInModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  try {
    const module = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
    return module[kind] as ModelClass | undefined;
  } catch {
    return undefined;
  }
}

const crdValidators = new Map<string, ValidateFunction>();

/** A CRD schema made strict: an object with listed properties takes no others (the API server would drop them). */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, strict(value)])) as Record<string, unknown>;
  if (
    copy.type === 'object' &&
    copy.properties &&
    copy.additionalProperties === undefined &&
    !copy['x-kubernetes-preserve-unknown-fields']
  ) {
    copy.additionalProperties = false;
  }
  return copy;
}

function crdValidator(kind: string): ValidateFunction | undefined {
  const file = path.join(CNPG_SCHEMAS_DIR, `${kind.toLowerCase()}.json`);
  if (!existsSync(file)) return undefined;
  let validate = crdValidators.get(kind);
  if (!validate) {
    const { $comment: _source, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // OpenAPI's integer formats, as the API server checks them.
    ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    validate = ajv.compile(strict(schema) as object);
    crdValidators.set(kind, validate);
  }
  return validate;
}

/** Each manifest against its kind's schema; a kind without one is an error too. */
export async function validateManifests(manifests: Manifest[]): Promise<string[]> {
  const errors: string[] = [];
  const builtIn: Manifest[] = [];
  for (const manifest of manifests) {
    const where = `${manifest.kind}/${manifest.metadata?.name}`;
    if (manifest.apiVersion === 'postgresql.cnpg.io/v1') {
      const validate = crdValidator(manifest.kind);
      if (!validate) errors.push(`${where}: no schema for postgresql.cnpg.io/v1 ${manifest.kind}`);
      else if (!validate(manifest)) {
        for (const error of validate.errors ?? [])
          errors.push(`${where}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
      }
      continue;
    }
    const Model = await builtInModel(manifest.apiVersion, manifest.kind);
    if (!Model) {
      errors.push(`${where}: unknown kind ${manifest.apiVersion} ${manifest.kind}`);
      continue;
    }
    builtIn.push(manifest);
    try {
      new Model(manifest).validate();
    } catch (error) {
      errors.push(`${where}: ${(error as Error).message}`);
    }
  }
  return [...errors, ...typecheckManifests(builtIn)];
}

/**
 * Manifests of built-in kinds (kubernetes-models has a module for each) as typed object literals (`const m3: IDeployment = {…}`), compiled: each
 * excess property or wrong type is an error naming the manifest and TypeScript's reason.
 */
export function typecheckManifests(manifests: Manifest[]): string[] {
  const builtIn = manifests.map((manifest, index) => ({ manifest, index }));
  const modules = [...new Set(builtIn.map(({ manifest }) => manifest.apiVersion))];
  const lines: string[] = modules.map((apiVersion, i) => `import type * as api${i} from 'kubernetes-models/${apiVersion}';`);
  const owner: number[] = [];
  for (const { manifest, index } of builtIn) {
    const text = `export const m${index}: api${modules.indexOf(manifest.apiVersion)}.I${manifest.kind} = ${JSON.stringify(manifest, null, 1)};`;
    for (const line of text.split('\n')) {
      lines.push(line);
      owner[lines.length - 1] = index;
    }
  }
  // Inside the repository, so `kubernetes-models` resolves from its node_modules.
  mkdirSync(path.join(root, '.data'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.data', 'manifest-types-'));
  try {
    const file = path.join(dir, 'manifests.ts');
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const manifest = manifests[owner[line]];
      return manifest ? `${manifest.kind}/${manifest.metadata.name}: ${message}` : message;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

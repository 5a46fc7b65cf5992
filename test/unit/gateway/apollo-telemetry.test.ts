// The gateway reports nothing to Apollo: without APOLLO_TELEMETRY_DISABLED, Apollo Gateway builds a
// metrics exporter to Apollo's servers (after probing cloud metadata endpoints) when constructed.
// And the report's packages never load: apollo-telemetry.ts, imported before @apollo/gateway, loads
// the gateway's telemetry module without them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lastLineOfScript } from '../../setup/fresh-process';
import {
  disableApolloUsageReport,
  loadTelemetryWithoutReport,
  REPORT_ONLY_PACKAGES,
  TELEMETRY_MODULE,
} from '../../../gateway/src/apollo-telemetry';

const require = createRequire(import.meta.url);
// The gateway's own CommonJS modules, so the spy sees the call its constructor makes.
const telemetry = require('@apollo/gateway/dist/utilities/opentelemetry') as { createDataCollectionExporter: () => unknown };
const { ApolloGateway } = require('@apollo/gateway') as typeof import('@apollo/gateway');
const root = path.resolve(import.meta.dirname, '../../..');
const supergraphSdl = readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8');

describe("Apollo Gateway's usage report", () => {
  const saved = process.env.APOLLO_TELEMETRY_DISABLED;
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = saved;
  });

  it('is built by a plain ApolloGateway (what the switch guards against)', () => {
    const exporter = vi.spyOn(telemetry, 'createDataCollectionExporter').mockReturnValue({ shutdown: async () => {} });
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    new ApolloGateway({ supergraphSdl });
    expect(exporter).toHaveBeenCalledTimes(1);
  });

  it('is never built once disableApolloUsageReport has run', () => {
    const exporter = vi.spyOn(telemetry, 'createDataCollectionExporter').mockReturnValue({ shutdown: async () => {} });
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    disableApolloUsageReport();
    new ApolloGateway({ supergraphSdl });
    expect(exporter).not.toHaveBeenCalled();
  });
});

describe("the usage report's packages", () => {
  const loadedReportPackages = `Object.keys(require.cache).filter((file) => /[\\\\/]@opentelemetry[\\\\/](sdk-metrics|resource-detector-|resources|exporter-metrics-otlp-http)[\\\\/]/.test(file))`;

  it('are not loaded by a gateway that imports apollo-telemetry.ts first; the tracer is, and a use of one says why it is missing', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      await import('./gateway/src/apollo-telemetry.ts');
      const { ApolloGateway } = await import('@apollo/gateway');
      const require = createRequire(import.meta.url);
      const file = require.resolve(${JSON.stringify(TELEMETRY_MODULE)});
      const gateway = new ApolloGateway({ supergraphSdl: readFileSync('schema/supergraph.graphql', 'utf8') });
      let refusal = '';
      try { require.cache[file].require('@opentelemetry/sdk-metrics').MeterProvider; } catch (error) { refusal = error.message; }
      console.log(JSON.stringify({ loaded: ${loadedReportPackages}, tracer: typeof require(file).tracer.startActiveSpan, gateway: typeof gateway.load, refusal }));
    `;
    const seen = JSON.parse(lastLineOfScript(script, ['--import', 'tsx'])) as Record<string, unknown>;
    expect(seen).toMatchObject({ loaded: [], tracer: 'function', gateway: 'function' });
    expect(seen.refusal).toMatch(/^@opentelemetry\/sdk-metrics 未加载.*usage report is off/);
  });

  it('are loaded by the gateway without it (so the test above can fail)', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import('@apollo/gateway');
      const require = createRequire(import.meta.url);
      console.log(${loadedReportPackages}.length > 0);
    `;
    expect(lastLineOfScript(script, [])).toBe('true');
  });

  it('are left as they are once the telemetry module has loaded', () => {
    // This file's imports loaded it, or an earlier file in this worker did.
    expect(require.cache[require.resolve(TELEMETRY_MODULE)]).toBeDefined();
    expect(loadTelemetryWithoutReport()).toBe(false);
    expect(REPORT_ONLY_PACKAGES.size).toBe(7);
  });
});

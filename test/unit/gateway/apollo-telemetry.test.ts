// The gateway reports nothing to Apollo: without APOLLO_TELEMETRY_DISABLED, Apollo Gateway builds a
// metrics exporter to Apollo's servers (after probing cloud metadata endpoints) when constructed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disableApolloUsageReport } from '../../../gateway/src/apollo-telemetry';

const require = createRequire(import.meta.url);
// The gateway's own CommonJS modules, so the spy sees the call its constructor makes.
const telemetry = require('@apollo/gateway/dist/utilities/opentelemetry') as { createDataCollectionExporter: () => unknown };
const { ApolloGateway } = require('@apollo/gateway') as typeof import('@apollo/gateway');
const supergraphSdl = readFileSync(path.join(__dirname, '../../../schema/supergraph.graphql'), 'utf8');

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

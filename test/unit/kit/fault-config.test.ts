// The settings of timeouts, shutdown and supervision: defaults, overrides, and one clear
// ConfigError for a value that makes no sense.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/src/config';
import { ConfigError, readProcessLimits, readShutdownGraceMs } from '../../../subgraphs/kit/config';

const readGateway = (env: NodeJS.ProcessEnv) =>
  readGatewayConfig(env, { devKeysDir: mkdtempSync(path.join(os.tmpdir(), 'fault-config-')) });

describe('gateway subgraph fetch settings', () => {
  it('default to 10 s and 16 MiB; SUBGRAPH_TIMEOUT_MS sets all, <NAME>_TIMEOUT_MS one', async () => {
    expect((await readGateway({})).subgraphFetch).toEqual({
      timeoutMs: { providers: 10_000, applications: 10_000, security: 10_000, supervision: 10_000 },
      maxResponseBytes: 16 * 1024 * 1024,
      dedupe: true,
    });
    const config = await readGateway({
      SUBGRAPH_TIMEOUT_MS: '3000',
      SUPERVISION_TIMEOUT_MS: '8000',
      SUBGRAPH_MAX_RESPONSE_BYTES: '1048576',
    });
    expect(config.subgraphFetch).toEqual({
      timeoutMs: { providers: 3000, applications: 3000, security: 3000, supervision: 8000 },
      maxResponseBytes: 1_048_576,
      dedupe: true,
    });
    expect(config.shutdownGraceMs).toBe(10_000);
  });

  it.each([
    ['SUBGRAPH_TIMEOUT_MS', '0'],
    ['SUBGRAPH_TIMEOUT_MS', 'ten'],
    ['APPLICATIONS_TIMEOUT_MS', '700000'],
    ['SUBGRAPH_MAX_RESPONSE_BYTES', '12'],
    ['SHUTDOWN_GRACE_MS', '-1'],
  ])('refuses %s=%s naming the variable', async (name, value) => {
    await expect(readGateway({ [name]: value })).rejects.toThrow(ConfigError);
    await expect(readGateway({ [name]: value })).rejects.toThrow(name);
  });
});

describe('supervision settings', () => {
  it('memory 512 MiB and a 32 MiB young generation each unless set for all or <NAME>_…; back-off 1 s to 30 s', () => {
    expect(readProcessLimits(['gateway', 'providers'], {})).toEqual({
      maxOldSpaceMb: { gateway: 512, providers: 512 },
      maxSemiSpaceMb: { gateway: 32, providers: 32 },
      restartInitialMs: 1_000,
      restartMaxMs: 30_000,
    });
    const limits = readProcessLimits(['gateway', 'providers'], {
      MAX_OLD_SPACE_MB: '1024',
      GATEWAY_MAX_OLD_SPACE_MB: '256',
      MAX_SEMI_SPACE_MB: '16',
      PROVIDERS_MAX_SEMI_SPACE_MB: '64',
      RESTART_INITIAL_MS: '500',
    });
    expect(limits).toEqual({
      maxOldSpaceMb: { gateway: 256, providers: 1024 },
      maxSemiSpaceMb: { gateway: 16, providers: 64 },
      restartInitialMs: 500,
      restartMaxMs: 30_000,
    });
  });

  it('refuses too little memory and a maximum back-off below the first', () => {
    expect(() => readProcessLimits(['gateway'], { GATEWAY_MAX_OLD_SPACE_MB: '16' })).toThrow(/GATEWAY_MAX_OLD_SPACE_MB/);
    expect(() => readProcessLimits(['gateway'], { MAX_SEMI_SPACE_MB: '0' })).toThrow(/MAX_SEMI_SPACE_MB/);
    expect(() => readProcessLimits(['gateway'], { RESTART_INITIAL_MS: '5000', RESTART_MAX_MS: '1000' })).toThrow(/RESTART_MAX_MS/);
  });

  it('SHUTDOWN_GRACE_MS: 10 s by default, 0–120000', () => {
    expect(readShutdownGraceMs({})).toBe(10_000);
    expect(readShutdownGraceMs({ SHUTDOWN_GRACE_MS: '0' })).toBe(0);
    expect(() => readShutdownGraceMs({ SHUTDOWN_GRACE_MS: '200000' })).toThrow(ConfigError);
  });
});

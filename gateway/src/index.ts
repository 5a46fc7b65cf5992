// Entry point: read the configuration, build the gateway, listen, stop cleanly on a signal.
// graphql-production-mode.ts must run before graphql loads, and federation-exports.ts,
// apollo-telemetry.ts and unused-http-client.ts before @apollo/gateway, so everything else is
// imported dynamically below them, in that order: in a bundle every static import, however deep,
// is loaded before the bundle's own code runs (test/e2e/compiled-build.e2e.test.ts checks the
// built entry).
import '../../subgraphs/kit/graphql-production-mode';
import type { Gateway } from './server';

await import('./federation-exports');
await import('./apollo-telemetry');
await import('./unused-http-client');
const { CONFIG_EXIT_CODE, ConfigError, listenError } = await import('../../subgraphs/kit/config');
const { configureLogging, logger } = await import('../../subgraphs/kit/log');
const { startTracing } = await import('../../subgraphs/kit/tracing');
const { stopWhenSupervisorGone } = await import('../../subgraphs/kit/supervised');
const { readGatewayConfig } = await import('./config');

async function main(): Promise<void> {
  configureLogging('gateway');
  // Before anything serves: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (a bad one stops here).
  const tracing = await startTracing('gateway');
  const config = await readGatewayConfig();
  const { createGateway } = await import('./server');
  const gateway = await createGateway(config);
  await listen(gateway, config.host, config.port);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info(`GovCloud Graph 网关已启动 (gateway listening): http://${shownHost}:${config.port}/graphql`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`收到 ${signal}，网关停止接收新请求，等待进行中的请求完成 (draining, up to ${config.shutdownGraceMs} ms)…`);
    gateway.stop().then(
      // The spans of the last requests are sent before the process ends.
      () => tracing.shutdown().finally(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'gateway stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  stopWhenSupervisorGone(stop);
}

function listen(gateway: Gateway, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    gateway.httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(listenError(error, host, port, 'GATEWAY_PORT'));
    });
    gateway.httpServer.listen(port, host, () => resolve());
  });
}

main().catch((error: unknown) => {
  // A bad setting is one plain line for the person starting it, whatever the log format.
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(error instanceof ConfigError ? CONFIG_EXIT_CODE : 1);
});

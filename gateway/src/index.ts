// Entry point: read the configuration, build the gateway, listen, stop cleanly on a signal.
import { CONFIG_EXIT_CODE, ConfigError, listenError } from '../../subgraphs/kit/config';
import { readGatewayConfig } from './config';
import { createGateway, type Gateway } from './server';

async function main(): Promise<void> {
  const config = await readGatewayConfig();
  const gateway = await createGateway(config);
  await listen(gateway, config.host, config.port);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`GovCloud Graph 网关已启动 (gateway listening): http://${shownHost}:${config.port}/graphql`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，网关停止接收新请求，等待进行中的请求完成 (draining, up to ${config.shutdownGraceMs} ms)…`);
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
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
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? CONFIG_EXIT_CODE : 1);
});

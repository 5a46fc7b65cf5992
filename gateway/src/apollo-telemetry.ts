// Apollo Gateway (2.x) reports usage to Apollo by default: at construction it probes the AWS, GCP,
// Azure and Alibaba metadata endpoints and then exports OpenTelemetry metrics to Apollo's servers
// every hour. The city's gateway runs on a government intranet and sends nothing outside it, so the
// report is always off; our own metrics are on /metrics and our traces go where OTEL_* says.
//
// Off, the report's packages are still required when the gateway loads: OpenTelemetry's metrics
// SDK, its OTLP exporter, resources and four cloud detectors, about 300 ms of the gateway's start
// and 24 MB of its memory for code that never runs (issue 14). Imported before @apollo/gateway,
// this module turns the report off and loads the gateway's telemetry module with those packages
// left out; the tracer and span helpers that module also exports load as before.
import { loadWithStandIns } from './stand-ins';

/** Turns Apollo Gateway's usage report off for this process; call before `new ApolloGateway`. */
export function disableApolloUsageReport(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}

/** The gateway's module that requires the report's packages (and exports its tracer). */
export const TELEMETRY_MODULE = '@apollo/gateway/dist/utilities/opentelemetry.js';

/** What that module requires for the report alone: used only in createDataCollectionExporter. */
export const REPORT_ONLY_PACKAGES: ReadonlySet<string> = new Set([
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/resource-detector-alibaba-cloud',
  '@opentelemetry/resource-detector-aws',
  '@opentelemetry/resource-detector-gcp',
  '@opentelemetry/resource-detector-azure',
  '@opentelemetry/resources',
  '@opentelemetry/exporter-metrics-otlp-http',
]);

/**
 * Loads TELEMETRY_MODULE into the require cache with each of REPORT_ONLY_PACKAGES replaced by an
 * object that throws on use, unless it has loaded already (then nothing changes: slower, never
 * wrong). Other modules requiring those packages get the real ones. Returns whether it loaded it.
 */
export function loadTelemetryWithoutReport(): boolean {
  return loadWithStandIns(TELEMETRY_MODULE, Object.fromEntries([...REPORT_ONLY_PACKAGES].map((id) => [id, notLoaded(id)])));
}

/** Stands in for a package the report alone needs: any use says why it is missing. */
function notLoaded(id: string): object {
  return new Proxy(
    {},
    {
      get(_, key) {
        if (typeof key === 'symbol' || key === '__esModule') return undefined;
        throw new Error(`${id} 未加载：Apollo 用量上报已关闭 (not loaded: Apollo's usage report is off; gateway/src/apollo-telemetry.ts)`);
      },
    },
  );
}

disableApolloUsageReport();
loadTelemetryWithoutReport();

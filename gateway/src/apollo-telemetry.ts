// Apollo Gateway (2.x) reports usage to Apollo by default: at construction it probes the AWS, GCP,
// Azure and Alibaba metadata endpoints and then exports OpenTelemetry metrics to Apollo's servers
// every hour. The city's gateway runs on a government intranet and sends nothing outside it, so the
// report is always off; our own metrics are on /metrics and our traces go where OTEL_* says.

/** Turns Apollo Gateway's usage report off for this process; call before `new ApolloGateway`. */
export function disableApolloUsageReport(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
}

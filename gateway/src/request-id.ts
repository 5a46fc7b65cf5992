// One id per request from the client to every subgraph and back: a well-formed `x-request-id`
// from the client is kept (a proxy in front may have logged it), anything else is replaced by a
// new one. The data source forwards it on each subgraph fetch; the client gets it in the answer;
// every log line written meanwhile carries it, the access line included (kit/request-log.ts).
import type { RequestListener } from 'node:http';
import { withRequestLogging } from '../../subgraphs/kit/request-log';

export function withRequestId(listener: RequestListener): RequestListener {
  return withRequestLogging(listener);
}

// One id per request from the client to every subgraph and back: a well-formed `x-request-id`
// from the client is kept (a proxy in front may have logged it), anything else is replaced by a
// new one. The data source forwards it on each subgraph fetch; the client gets it in the answer.
import type { RequestListener } from 'node:http';
import { REQUEST_ID_HEADER, requestIdOf } from '../../subgraphs/kit/context';

export function withRequestId(listener: RequestListener): RequestListener {
  return (req, res) => {
    const requestId = requestIdOf(req);
    // Rewritten on the request itself, so everything after (Apollo's headers, the data sources) reads the same id.
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    listener(req, res);
  };
}

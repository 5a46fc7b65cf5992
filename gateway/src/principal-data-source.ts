// How the gateway calls a subgraph: over HTTP, carrying the verified principal signed with the
// shared secret, so a subgraph trusts nothing a client could have written itself.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ServiceUnavailableError, UnauthenticatedError } from '../../subgraphs/kit/errors';
import { PRINCIPAL_HEADER } from '../../subgraphs/kit/internal-token';
import { internalTokenOf, type GatewayContext } from './auth';

export interface PrincipalDataSourceOptions {
  name: string;
  url: string;
  internalTokenSecret: string;
}

export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly internalTokenSecret: string;

  constructor(options: PrincipalDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    this.internalTokenSecret = options.internalTokenSecret;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading carry no user; the subgraph refuses them like any anonymous call.
    const token = internalTokenOf(options.context as GatewayContext, this.internalTokenSecret);
    if (token) options.request.http?.headers.set(PRINCIPAL_HEADER, await token);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      // Connection refused, timeouts, a non-JSON body: say which part is down, not how.
      console.error(`[gateway] subgraph ${this.subgraphName} failed`, error);
      throw new ServiceUnavailableError(`子图 ${this.subgraphName} 暂不可用，请稍后重试 (subgraph unavailable)`);
    }
  }

  /** Replaces the default error, which would show the subgraph's URL and raw response to the client. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    console.error(`[gateway] subgraph ${this.subgraphName} answered HTTP ${response.status}`);
    if (response.status === 401)
      return new UnauthenticatedError(`子图 ${this.subgraphName} 拒绝了转发的身份 (subgraph rejected the forwarded principal)`);
    return new ServiceUnavailableError(`子图 ${this.subgraphName} 暂不可用，请稍后重试 (subgraph unavailable)`);
  }
}

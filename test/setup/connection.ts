// The Relay connection every list field answers with, as tests read it (one declaration for all).

export interface Edge<T> {
  // Optional, like pageInfo: present when the query asked for it.
  cursor?: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Array<Edge<T>>;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

/** The nodes of a connection's edges, in order. */
export const nodes = <T>(connection: Pick<Connection<T>, 'edges'>): T[] => connection.edges.map((edge) => edge.node);

interface Page<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Every page of a connection, 500 at a time: a province has some 2,000 officers, and who is at
 * zero, or which row of an upload changes, is a question about all of them. Null when a page
 * fails.
 */
export async function everyPage<Node>(
  load: (after: string | null) => Promise<Page<Node> | null>,
): Promise<Node[] | null> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<Node> | null = await load(after);
    if (!page) return null;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/**
 * The `reindex` module for integ-test zips that lack it (2.19.x ships only transport-netty4). Without it DELETE model
 * fails with 500 "Model is not all cleaned up", because ML Commons removes model chunks with DeleteByQuery, whose
 * handler lives in the reindex module. Only its `reindex-client` jar is published (the module's `hasClientJar`).
 */
import type { ModuleSpec } from './module-assembly.ts';

/** Same grants as the upstream module's policy (reindex-from-remote uses the low-level REST client). */
const REINDEX_SECURITY_POLICY = `grant {
  permission java.net.SocketPermission "*", "connect";
};
grant codeBase "\${codebase.opensearch-rest-client}" {
  permission java.net.NetPermission "getProxySelector";
};
grant codeBase "\${codebase.httpasyncclient}" {
  permission java.net.NetPermission "getProxySelector";
};
`;

export const REINDEX_MODULE: ModuleSpec = {
  name: 'reindex',
  artifact: 'org.opensearch.plugin:reindex-client',
  classname: () => 'org.opensearch.index.reindex.ReindexPlugin',
  securityPolicy: REINDEX_SECURITY_POLICY,
  neededFor: 'DELETE model (DeleteByQuery of model chunks)',
};

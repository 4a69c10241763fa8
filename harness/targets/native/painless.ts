/**
 * The `lang-painless` module for integ-test zips that lack it (2.19.x). The k-NN plugin lists `lang-painless` in
 * `extended.plugins` (it adds painless scoring functions through the painless SPI), so `opensearch-plugin install` of
 * k-NN is refused without it, and neural-search extends k-NN. Unlike reindex, the module's own jar is published
 * (`org.opensearch.plugin:lang-painless:<v>`), with a POM naming its runtime deps: antlr4-runtime, asm*, and the
 * painless SPI jar that k-NN's extension classes are loaded against. The 3.x integ-test zip ships the module.
 */
import type { ModuleSpec } from './module-assembly.ts';
import { parseVersion } from './versions.ts';

/** Painless compiles scripts to classes in its own class loader, which needs these two runtime permissions. */
export const PAINLESS_SECURITY_POLICY = `grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
`;

export const PAINLESS_MODULE: ModuleSpec = {
  name: 'lang-painless',
  artifact: 'org.opensearch.plugin:lang-painless',
  // The plugin class was renamed in 3.0 (the 3.6.0 zip's descriptor names PainlessModulePlugin).
  classname: (version) =>
    parseVersion(version).major >= 3
      ? 'org.opensearch.painless.PainlessModulePlugin'
      : 'org.opensearch.painless.PainlessPlugin',
  securityPolicy: PAINLESS_SECURITY_POLICY,
  neededFor: 'the k-NN plugin (extended.plugins=lang-painless)',
};

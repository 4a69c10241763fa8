/** The native target: where it installs, which JDK and Maven it uses, and the opt-in integration test. */
import { flag, list, pathVar, text, versionList } from './env-var.ts';

export const NATIVE_VARS = {
  OMLC_WORK_DIR: pathVar({
    doc: 'native installs and run dirs',
    shownDefault: 'the cache dir; `/var/tmp/opensearch-ml-conformance` as root',
  }),
  OMLC_JAVA_HOME_2X: pathVar({ doc: 'the JDK for OpenSearch 2.x', shownDefault: 'discovered' }),
  OMLC_JAVA_HOME_3X: pathVar({ doc: 'the JDK for OpenSearch 3.x', shownDefault: 'discovered' }),
  OMLC_MVN_ARGS: list({
    item: 'arguments',
    doc: 'extra Maven arguments, blank-separated (e.g. `-s settings.xml`)',
    separator: /\s+/,
  }),
  JAVA_HOME: pathVar({ doc: 'one of the places JDKs are discovered', shownDefault: '—' }),
  PATH: text({
    doc: 'where `mvn`, `java`, `g++` and `setpriv` are looked up',
    fallback: '',
    shownDefault: "the shell's",
  }),
  OMLC_NATIVE_IT: flag({ doc: 'run the native integration test (`native.it.test.ts`)', fallback: false }),
  OMLC_NATIVE_IT_VERSIONS: versionList({ doc: 'versions of that test', shownDefault: '`2.19.6,3.6.0`' }),
} as const;

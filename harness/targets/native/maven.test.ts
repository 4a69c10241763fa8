import { describe, expect, it } from 'vitest';
import { isNativeTargetError } from './errors.ts';
import { mavenError, requireMvn } from './maven.ts';

// Verbatim (ANSI codes included) from `mvn -q -B dependency:copy` on a version whose ML Commons zip is not served.
const NOT_FOUND = [
  '\u001b[0m[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:2.8:copy (default-cli) on ' +
    'project standalone-pom: Unable to find artifact. Could not find artifact ' +
    'org.opensearch.plugin:opensearch-ml-plugin:zip:3.7.0.0 in central (https://repo.maven.apache.org/maven2)',
  '[ERROR] ',
  '[ERROR] Try downloading the file manually from the project website.',
].join('\n');

describe('mavenError', () => {
  it('turns a 404 into artifact-unavailable naming the coordinate and versions known to work', () => {
    const error = mavenError('org.opensearch.plugin:opensearch-ml-plugin:3.7.0.0:zip', 'ml-commons', {
      code: 1,
      stdout: NOT_FOUND,
      stderr: '',
    });
    expect(error.code).toBe('artifact-unavailable');
    expect(error.message).toContain(
      'ml-commons artifact org.opensearch.plugin:opensearch-ml-plugin:3.7.0.0:zip is not available from Maven Central',
    );
    expect(error.message).toContain('2.19.6, 3.6.0 (tested), 2.19.1 (artifacts served, untested)');
  });

  it('recognises the wording for a miss remembered in the local repository', () => {
    const stdout =
      '[ERROR] Failed to execute goal …: Unable to find artifact. org.opensearch.plugin:opensearch-ml-plugin:zip:3.7.0.0 ' +
      'was not found in https://repo.maven.apache.org/maven2 during a previous attempt. This failure was cached';
    const error = mavenError('org.opensearch.plugin:opensearch-ml-plugin:3.7.0.0:zip', 'ml-commons', {
      code: 1,
      stdout,
      stderr: '',
    });
    expect(error.code).toBe('artifact-unavailable');
  });

  it('reports other failures as mvn-failed with the last output lines', () => {
    const error = mavenError('g:a:1:zip', 'distribution', {
      code: 1,
      stdout: '',
      stderr: '[ERROR] Could not transfer artifact g:a:zip:1 from/to central: Connection refused',
    });
    expect(error.code).toBe('mvn-failed');
    expect(error.message).toContain('is Maven Central reachable?');
    expect(error.message).toContain('Connection refused');
  });
});

describe('requireMvn', () => {
  it('names the package to install when mvn is not on PATH', async () => {
    const error: unknown = await requireMvn('/nonexistent').catch((e: unknown) => e);
    expect(isNativeTargetError(error, 'mvn-missing')).toBe(true);
    expect((error as Error).message).toMatch(/^mvn not found on PATH: .*apt-get install -y maven/);
  });
});

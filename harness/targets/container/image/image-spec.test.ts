import { describe, expect, it } from 'vitest';
import { IMAGE_LABELS, localImageRef, renderDockerfile } from './image-spec.ts';

describe('the local image recipe', () => {
  it('is omlc/opensearch-ml:<version>', () => {
    expect(localImageRef('2.19.6')).toBe('omlc/opensearch-ml:2.19.6');
  });

  it('has no RUN step (no container, no network during the build), the JDK first, the install owned by uid 1000', () => {
    const lines = renderDockerfile('omlc/debian-base:bookworm-0123').trim().split('\n');
    expect(lines).toEqual([
      'FROM omlc/debian-base:bookworm-0123',
      'COPY jdk /usr/share/opensearch/jdk',
      'COPY --chown=1000:1000 opensearch /usr/share/opensearch',
      'COPY entrypoint.sh /usr/local/bin/omlc-entrypoint.sh',
      'ENV OPENSEARCH_HOME=/usr/share/opensearch PATH=/usr/share/opensearch/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'WORKDIR /usr/share/opensearch',
      'USER 1000:1000',
      'EXPOSE 9200 9300',
      'ENTRYPOINT ["/usr/local/bin/omlc-entrypoint.sh"]',
      'CMD ["opensearch"]',
    ]);
    expect(lines.some((line) => line.startsWith('RUN'))).toBe(false);
  });

  it('labels live under the project prefix', () => {
    expect(Object.values(IMAGE_LABELS).every((label) => label.startsWith('org.opensearch-ml-conformance.'))).toBe(true);
  });
});

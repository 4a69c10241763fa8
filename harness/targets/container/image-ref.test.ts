import { describe, expect, it } from 'vitest';
import { isContainerTargetError } from './errors.ts';
import { resolveImage } from './image-ref.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('resolveImage', () => {
  it('uses the official image tagged with the project version by default', () => {
    expect(resolveImage('2.19.1', undefined)).toEqual({ image: 'opensearchproject/opensearch:2.19.1', pinned: false });
  });

  it.for([
    [
      'mirror.example.com/opensearchproject/opensearch',
      '3.1.0',
      'mirror.example.com/opensearchproject/opensearch:3.1.0',
    ],
    ['localhost:5000/opensearch', '2.13.0', 'localhost:5000/opensearch:2.13.0'],
    ['registry.local:8443/team/os-ml-offline', '2.19.1', 'registry.local:8443/team/os-ml-offline:2.19.1'],
    ['  opensearchproject/opensearch  ', '3.1.0', 'opensearchproject/opensearch:3.1.0'],
  ] as const)('treats %s as a repository and tags it with the version', ([override, version, image]) => {
    expect(resolveImage(version, override)).toEqual({ image, pinned: false });
  });

  it.for([
    'opensearchproject/opensearch:2.19.1',
    'localhost:5000/opensearch:custom-ml_1.0',
    `opensearchproject/opensearch@${DIGEST}`,
    `opensearchproject/opensearch:3.1.0@${DIGEST}`,
  ])('uses %s as is and marks it pinned', (override) => {
    expect(resolveImage('2.19.1', override)).toEqual({ image: override, pinned: true });
  });

  it.for([
    ['', 'OMLC_CONTAINER_IMAGE="" is empty; give a repository such as mirror.example.com/opensearchproject/opensearch'],
    ['   ', 'OMLC_CONTAINER_IMAGE="   " is empty'],
    ['my opensearch', 'OMLC_CONTAINER_IMAGE="my opensearch" contains whitespace'],
    [
      'OpenSearchProject/opensearch',
      'OMLC_CONTAINER_IMAGE="OpenSearchProject/opensearch" has "OpenSearchProject", which is not a valid repository name component',
    ],
    ['opensearchproject//opensearch', 'has an empty path component'],
    [
      'opensearchproject/opensearch:',
      'OMLC_CONTAINER_IMAGE="opensearchproject/opensearch:" has tag "", which is not a valid tag',
    ],
    ['opensearchproject/opensearch:-bad', 'has tag "-bad"'],
    ['opensearchproject/opensearch@sha256:abc', 'has digest "sha256:abc", expected sha256:<64 lowercase hex digits>'],
  ] as const)('refuses %j with a precise message', ([override, message]) => {
    let caught: unknown;
    try {
      resolveImage('2.19.1', override);
    } catch (error) {
      caught = error;
    }
    expect(isContainerTargetError(caught, 'bad-env')).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});

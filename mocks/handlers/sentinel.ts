import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import type { OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';

export const SENTINEL_PATH = '/_omlc/sentinel';
export const SENTINEL_HEADER = 'x-omlc-simulator';
export const SENTINEL_MARKER = 'omlc-ml-commons-simulator';

export interface SentinelBody {
  simulator: typeof SENTINEL_MARKER;
  instance: string;
  profile: string;
  version: string;
}

/** A path no real cluster serves: only the simulator answers it (and faults never touch it). */
export function sentinelHandlers(ctx: SimContext): HttpHandler[] {
  return [
    http.get<never, never, SentinelBody | OpenSearchErrorBody>(
      `${ctx.baseUrl}${SENTINEL_PATH}`,
      route(ctx, 'sentinel', () =>
        Promise.resolve(
          HttpResponse.json(
            {
              simulator: SENTINEL_MARKER,
              instance: ctx.instanceId,
              profile: ctx.profile.id,
              version: ctx.profile.version.number,
            },
            { headers: { [SENTINEL_HEADER]: ctx.instanceId } },
          ),
        ),
      ),
    ),
  ];
}

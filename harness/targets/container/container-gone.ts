/**
 * The engine's answer when a container no longer exists: docker-modem rejects with `statusCode` 404 ("No such
 * container") on the container endpoints. Both removal paths — the interrupt guard's and the target's own stop —
 * count it as done, since gone is what they want.
 */
export function isContainerGone(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === 404;
}

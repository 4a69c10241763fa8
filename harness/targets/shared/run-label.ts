/** One line per project at the start of the run: which target was chosen, and why. */
export function announceTarget(project: string, label: string, why: string): void {
  console.log(`[omlc] ${project} → ${label} (${why})`);
}

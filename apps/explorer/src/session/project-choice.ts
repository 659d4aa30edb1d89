/** The project last looked at in this tab, so that a reload stays on it. */
const KEY = 'alma.explorer.project';

/** The remembered project when the server still lists it, else the first listed; null for none. */
export function chooseProject(projects: readonly string[], remembered: string | null): string | null {
  if (remembered !== null && projects.includes(remembered)) return remembered;
  return projects[0] ?? null;
}

export function readProjectChoice(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveProjectChoice(project: string): void {
  sessionStorage.setItem(KEY, project);
}

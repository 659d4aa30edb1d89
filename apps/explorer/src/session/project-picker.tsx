/** The project every view looks at; the list is the projects the key grants. */
export function ProjectPicker({
  projects,
  project,
  onChange,
}: {
  readonly projects: readonly string[];
  readonly project: string;
  readonly onChange: (project: string) => void;
}) {
  return (
    <label class="inline-field">
      <span>Project</span>
      <select
        data-testid="project-picker"
        value={project}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {projects.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

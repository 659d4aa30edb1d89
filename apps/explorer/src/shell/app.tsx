import { useState } from 'preact/hooks';
import { useRoute } from '../routing/use-route.js';
import { KeyForm } from '../session/key-form.js';
import { chooseProject, readProjectChoice, saveProjectChoice } from '../session/project-choice.js';
import { ProjectPicker } from '../session/project-picker.js';
import { SessionContext } from '../session/session-context.js';
import { type Connection, useConnection } from '../session/use-connection.js';
import { ErrorMessage } from '../ui/error-message.js';
import { NavBar } from './nav-bar.js';
import { SkipLink } from './skip-link.js';
import { useMainFocus } from './use-main-focus.js';
import { ViewSwitch } from './view-switch.js';

/** The page: a banner with the project and the key, the views' navigation, and the current view. */
export function App() {
  const connection = useConnection();
  const route = useRoute();
  useMainFocus(route, 'main');
  const [remembered, setRemembered] = useState(readProjectChoice);
  const { state } = connection;
  const project = state.stage === 'connected' ? chooseProject(state.projects, remembered) : null;
  const pick = (next: string) => {
    saveProjectChoice(next);
    setRemembered(next);
  };
  return (
    <>
      <SkipLink target="main" />
      <header class="banner">
        <h1>ALMA Explorer</h1>
        {state.stage === 'connected' && project !== null && (
          <ProjectPicker projects={state.projects} project={project} onChange={pick} />
        )}
        {connection.hasKey && (
          <button type="button" data-testid="forget-key" onClick={connection.dropKey}>
            Forget API key
          </button>
        )}
      </header>
      {project !== null && <NavBar route={route} />}
      <main id="main" tabIndex={-1}>
        {project === null ? (
          <ConnectionStatus connection={connection} />
        ) : (
          <SessionContext.Provider value={{ api: connection.api, project }}>
            <ViewSwitch key={project} route={route} />
          </SessionContext.Provider>
        )}
      </main>
    </>
  );
}

/** Everything but a project to look at: connecting, a key to ask for, a failure, no project. */
function ConnectionStatus({ connection }: { readonly connection: Connection }) {
  const { state } = connection;
  switch (state.stage) {
    case 'probing':
      return (
        <p role="status" class="muted">
          Connecting…
        </p>
      );
    case 'needs-key':
      return <KeyForm refusal={state.refusal} onSubmit={connection.submitKey} />;
    case 'failed':
      return (
        <section class="panel narrow" aria-labelledby="connection-failed-title">
          <h2 id="connection-failed-title">No connection</h2>
          <ErrorMessage error={state.error} />
          <button type="button" data-testid="retry-connection" onClick={connection.retry}>
            Try again
          </button>
        </section>
      );
    case 'connected':
      return (
        <section class="panel narrow" aria-labelledby="no-projects-title">
          <h2 id="no-projects-title">No projects</h2>
          <p data-testid="no-projects">
            {connection.hasKey
              ? 'This key grants no project.'
              : 'The store holds no project yet: record an outcome or add knowledge to start one.'}
          </p>
        </section>
      );
  }
}

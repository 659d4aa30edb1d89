import { useEffect } from 'preact/hooks';
import type { Route } from '../routing/app-routes.js';
import { HealthView } from '../views/health/health-view.js';
import { LessonsView } from '../views/lessons/lessons-view.js';
import { MaintenanceView } from '../views/maintenance/maintenance-view.js';
import { OverviewView } from '../views/overview/overview-view.js';
import { RecordView } from '../views/record/record-view.js';
import { RetrieveView } from '../views/retrieve/retrieve-view.js';
import { WorkflowsView } from '../views/workflows/workflows-view.js';

const TITLES: Readonly<Record<Route['view'], string>> = {
  overview: 'Overview',
  lessons: 'Lessons',
  record: 'Record',
  retrieve: 'Retrieve',
  forget: 'Forget and consolidate',
  workflows: 'Workflows',
  health: 'Health',
};

/** The view a route names; the document title follows it. */
export function ViewSwitch({ route }: { readonly route: Route }) {
  useEffect(() => {
    document.title = `${TITLES[route.view]} · ALMA Explorer`;
  }, [route.view]);
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'lessons':
      return <LessonsView key={route.kind} kind={route.kind} />;
    case 'record':
      return <RecordView key={`${route.kind}/${route.id}`} kind={route.kind} id={route.id} />;
    case 'retrieve':
      return <RetrieveView />;
    case 'forget':
      return <MaintenanceView />;
    case 'workflows':
      return <WorkflowsView />;
    case 'health':
      return <HealthView />;
  }
}

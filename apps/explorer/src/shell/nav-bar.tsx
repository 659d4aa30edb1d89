import { hrefOf, type Route } from '../routing/app-routes.js';

interface NavItem {
  readonly label: string;
  readonly route: Route;
  readonly testId: string;
}

const ITEMS: readonly NavItem[] = [
  { label: 'Overview', route: { view: 'overview' }, testId: 'nav-overview' },
  { label: 'Heuristics', route: { view: 'lessons', kind: 'heuristics' }, testId: 'nav-heuristics' },
  { label: 'Anti-patterns', route: { view: 'lessons', kind: 'anti-patterns' }, testId: 'nav-anti-patterns' },
  { label: 'Retrieve', route: { view: 'retrieve' }, testId: 'nav-retrieve' },
  { label: 'Forget and consolidate', route: { view: 'forget' }, testId: 'nav-forget' },
  { label: 'Workflows', route: { view: 'workflows' }, testId: 'nav-workflows' },
  { label: 'Health', route: { view: 'health' }, testId: 'nav-health' },
];

/** A record page belongs to its kind's list. */
function isCurrent(item: Route, route: Route): boolean {
  if (item.view === 'lessons')
    return (route.view === 'lessons' || route.view === 'record') && route.kind === item.kind;
  return item.view === route.view;
}

export function NavBar({ route }: { readonly route: Route }) {
  return (
    <nav class="nav" aria-label="Views">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.testId}>
            <a
              href={hrefOf(item.route)}
              data-testid={item.testId}
              aria-current={isCurrent(item.route, route) ? 'page' : undefined}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_ROUTE, hrefOf, parseRoute, type Route } from './app-routes.js';

/** The route of the location hash; a hash naming none is replaced by the overview's. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash) ?? DEFAULT_ROUTE);
  useEffect(() => {
    const follow = () => {
      const next = parseRoute(window.location.hash);
      if (next === null) window.location.replace(hrefOf(DEFAULT_ROUTE));
      else setRoute(next);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

import { useEffect, useRef } from 'preact/hooks';
import { hrefOf, type Route } from '../routing/app-routes.js';

/**
 * Moves the keyboard focus to the page's main region when the route changes (not on the first
 * load): a hash change repaints the view without a page load, so a screen reader would otherwise
 * stay on the link just followed, and the next Tab would start from the navigation.
 */
export function useMainFocus(route: Route, mainId: string): void {
  const loaded = useRef(false);
  const href = hrefOf(route);
  useEffect(() => {
    if (!loaded.current) {
      loaded.current = true;
      return;
    }
    document.getElementById(mainId)?.focus();
  }, [href, mainId]);
}

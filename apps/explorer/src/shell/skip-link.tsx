/**
 * Moves keyboard focus past the banner and navigation. The hash names routes, so the link focuses
 * its target itself instead of changing the hash.
 */
export function SkipLink({ target }: { readonly target: string }) {
  return (
    <a
      class="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      Skip to content
    </a>
  );
}

// Run by each package's `prepack`: a packed package carries the repository's LICENSE, which npm
// includes in a tarball only from the package's own folder.
import { copyFileSync } from 'node:fs';

copyFileSync(new URL('../LICENSE', import.meta.url), 'LICENSE');

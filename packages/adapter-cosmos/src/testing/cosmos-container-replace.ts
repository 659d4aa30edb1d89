import { createRequire } from 'node:module';

/** What this correction touches of the stand-in's account model (its own classes, untyped here). */
interface StandInDocuments {
  _parent: StandInCollection;
}
interface StandInCollection {
  documents: StandInDocuments;
  read(): { readonly id?: unknown } | null | undefined;
}
interface StandInCollections {
  _data: Map<string, StandInCollection>;
}
type Replace = (this: StandInCollections, data: { id?: unknown }, original: { id?: unknown }) => unknown;

/**
 * A real account keeps a container's documents when its settings are replaced (PUT on the
 * container: the indexing policy changes, the data stays). The stand-in replaces the container
 * object itself, so every document is lost: a store re-applying its settings after an upgrade
 * would come back empty. Here the replaced container takes its predecessor's documents over.
 */
export function keepDocumentsOnContainerReplace(): void {
  const require = createRequire(import.meta.url);
  const module = require('@vercel/cosmosdb-server/lib/account/collections.js') as {
    default: { prototype: { replace: Replace; keepsDocuments?: true } };
  };
  const prototype = module.default.prototype;
  if (prototype.keepsDocuments) return;
  const replace = prototype.replace;
  prototype.replace = function (data, original) {
    const before = collectionNamed(this, original.id);
    const replaced = replace.call(this, data, original);
    const after = collectionNamed(this, original.id);
    if (before && after && before !== after) {
      after.documents = before.documents;
      after.documents._parent = after;
    }
    return replaced;
  };
  prototype.keepsDocuments = true;
}

function collectionNamed(collections: StandInCollections, id: unknown): StandInCollection | undefined {
  for (const collection of collections._data.values()) if (collection.read()?.id === id) return collection;
  return undefined;
}

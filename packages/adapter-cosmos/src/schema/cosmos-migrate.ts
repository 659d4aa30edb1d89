import { ConflictError, type Kind } from '@alma/core';
import type { Container } from '@azure/cosmos';
import { withoutSystemProperties } from '../cosmos-conversion.js';
import { guard, statusOf, toAlmaError } from '../cosmos-errors.js';
import { projectIdsOf } from '../queries/cosmos-partitions.js';
import { outdatedQuery } from '../queries/cosmos-queries.js';
import { queryAll } from '../queries/cosmos-query-runner.js';
import {
  type CosmosDocument,
  currentDocumentVersion,
  type DocumentUpgrade,
  documentVersionOf,
  upgradeDocument,
} from './cosmos-schema.js';

const PAGE = 100;
const ATTEMPTS = 5;

/** Documents rewritten per kind by one migration run. */
export type MigrationReport = Readonly<Partial<Record<Kind, number>>>;

/**
 * Rewrites every document of the kinds the upgrade steps touch at the current layout, partition by
 * partition. Each rewrite is conditional on the ETag it read, so a concurrent write is never lost:
 * the document is read again and upgraded on top of it. Running it twice rewrites nothing the second time.
 */
export async function migrateDocuments(
  containerOf: (kind: Kind) => Container,
  upgrades: readonly DocumentUpgrade[],
): Promise<MigrationReport> {
  const version = currentDocumentVersion(upgrades);
  const kinds = [...new Set(upgrades.flatMap((step) => step.kinds))];
  const report: Partial<Record<Kind, number>> = {};
  for (const kind of kinds) {
    const container = containerOf(kind);
    let rewritten = 0;
    for await (const projectId of projectIdsOf(container, `listing the projects of ${kind}`)) {
      let after = '';
      for (;;) {
        const page = await queryAll<CosmosDocument>(
          container,
          outdatedQuery(projectId, version, after, PAGE),
          projectId,
          `reading outdated ${kind} documents`,
        );
        for (const document of page) rewritten += await rewrite(container, kind, document, upgrades, version);
        const last = page.at(-1);
        if (last === undefined || page.length < PAGE) break;
        after = String(last.id);
      }
    }
    report[kind] = rewritten;
  }
  return report;
}

async function rewrite(
  container: Container,
  kind: Kind,
  stored: CosmosDocument,
  upgrades: readonly DocumentUpgrade[],
  version: number,
): Promise<number> {
  const item = container.item(String(stored.id), String(stored.projectId));
  let current: CosmosDocument | undefined = stored;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (current === undefined || documentVersionOf(current) >= version) return 0;
    const upgraded = withoutSystemProperties({
      ...upgradeDocument(kind, current, upgrades),
      schemaVersion: version,
    });
    try {
      await item.replace(upgraded, {
        accessCondition: { type: 'IfMatch', condition: String(current._etag) },
      });
      return 1;
    } catch (error) {
      if (statusOf(error) === 404) return 0;
      if (statusOf(error) !== 412) throw toAlmaError(error, `upgrading ${kind} ${String(stored.id)}`);
    }
    current = (await guard(`re-reading ${kind} ${String(stored.id)}`, () => item.read<CosmosDocument>()))
      .resource;
  }
  throw new ConflictError(`${kind} ${String(stored.id)} kept changing during the migration; run it again`);
}

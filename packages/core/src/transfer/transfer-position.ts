import { CorruptDataError } from '../errors/alma-error.js';
import { KINDS, type Kind } from '../model/kinds.js';

/**
 * A place in the one order every backend scans in: kinds in `KINDS` order, then projectId, then id.
 * Ids and project ids are ASCII, so JavaScript string order is the backends' byte order.
 */
export interface TransferPosition {
  readonly kind: Kind;
  readonly projectId: string;
  readonly id: string;
}

/** Negative when `a` comes first, 0 when equal, positive when `b` does. */
export function compareTransferPositions(a: TransferPosition, b: TransferPosition): number {
  const byKind = KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  if (a.projectId !== b.projectId) return a.projectId < b.projectId ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * Checks that a scan really comes in transfer order: a resume skips everything up to its checkpoint,
 * which is only exact when no record can appear before one already seen.
 */
export class ScanOrderGuard {
  private last: TransferPosition | null = null;

  next(position: TransferPosition): void {
    if (this.last !== null && compareTransferPositions(this.last, position) >= 0) {
      throw new CorruptDataError(
        `the source scanned ${position.kind} ${position.projectId}/${position.id} after ${this.last.projectId}/${this.last.id}: not in (projectId, id) order, so a copy could not resume exactly`,
        { details: { previous: { ...this.last }, next: { ...position } } },
      );
    }
    this.last = position;
  }
}

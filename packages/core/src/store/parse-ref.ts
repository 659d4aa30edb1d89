import { ValidationError } from '../errors/alma-error.js';
import { isUuid } from '../ids/uuid-v7.js';
import type { Ref } from '../model/kinds.js';
import { PROJECT_ID_PATTERN } from '../model/limits.js';

/** A point reference must name a valid project and a canonical UUID; anything else is a ValidationError. */
export function parseRef(ref: Ref): Ref {
  if (typeof ref !== 'object' || ref === null) throw new ValidationError('ref must be { projectId, id }');
  const { projectId, id } = ref;
  if (typeof projectId !== 'string' || !PROJECT_ID_PATTERN.test(projectId)) {
    throw new ValidationError('ref.projectId is not a valid project id');
  }
  if (typeof id !== 'string' || !isUuid(id.toLowerCase())) throw new ValidationError('ref.id is not a UUID');
  return { projectId, id: id.toLowerCase() };
}

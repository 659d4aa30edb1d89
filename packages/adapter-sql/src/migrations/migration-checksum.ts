import { createHash } from 'node:crypto';

/** Prisma's checksum of a migration script: SHA-256 of its UTF-8 text, as 64 lowercase hex digits. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether `script` is the one `checksum` was taken of, by Prisma's rule: a checkout that only
 * changed line endings (git on Windows) still matches, and so do the unpadded hex checksums an old
 * schema engine wrote (prisma-engines#1887).
 */
export function checksumMatches(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered =
      checksum.length === 64
        ? digest.toString('hex')
        : Array.from(digest, (byte) => byte.toString(16)).join('');
    return rendered === checksum;
  });
}

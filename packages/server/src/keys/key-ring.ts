import { parseApiKeyToken, secretMatches } from './api-key-token.js';
import { keyFileVersion, readKeyFile, type StoredKey } from './key-file.js';

/** How often, at most, a running server looks at the key file for new or revoked keys. */
export const KEY_RECHECK_MS = 1_000;

/** What an authenticated key may touch. */
export interface KeyGrant {
  readonly keyId: string;
  readonly projects: ReadonlySet<string>;
  /** The project of calls that name none, when the key file sets one. */
  readonly defaultProject?: string;
  /** Set (true) for an admin key: it may read every agent's memories of its projects. */
  readonly admin?: true;
}

/**
 * The server's view of the key file: keys are checked against their stored hashes, and the file is
 * re-read when it changes, so `alma keys create|revoke` take effect without a restart.
 */
export class KeyRing {
  private keys = new Map<string, StoredKey>();
  private version = '';
  private checkedAt = 0;
  private reloading: Promise<void> | null = null;

  private constructor(
    readonly file: string,
    private readonly recheckMs: number,
  ) {}

  static async open(file: string, recheckMs = KEY_RECHECK_MS): Promise<KeyRing> {
    const ring = new KeyRing(file, recheckMs);
    await ring.reload();
    return ring;
  }

  /** Active keys in the file. */
  get size(): number {
    return [...this.keys.values()].filter((key) => key.revokedAt === null).length;
  }

  /** The grant of a presented key; null when it is malformed, unknown, revoked or wrong. */
  async verify(token: string): Promise<KeyGrant | null> {
    const parsed = parseApiKeyToken(token);
    if (!parsed) return null;
    await this.refresh();
    const key = this.keys.get(parsed.id);
    if (!key || key.revokedAt !== null || !secretMatches(parsed.secret, key.hash)) return null;
    return {
      keyId: key.id,
      projects: new Set(key.projects),
      ...(key.defaultProject === undefined ? {} : { defaultProject: key.defaultProject }),
      ...(key.admin === true ? { admin: true as const } : {}),
    };
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.recheckMs) return;
    this.reloading ??= this.reloadIfChanged().finally(() => {
      this.reloading = null;
    });
    await this.reloading;
  }

  private async reloadIfChanged(): Promise<void> {
    this.checkedAt = Date.now();
    if ((await keyFileVersion(this.file)) !== this.version) await this.reload();
  }

  private async reload(): Promise<void> {
    const version = await keyFileVersion(this.file);
    const file = await readKeyFile(this.file);
    this.keys = new Map(file.keys.map((key) => [key.id, key]));
    this.version = version;
    this.checkedAt = Date.now();
  }
}

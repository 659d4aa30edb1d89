import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { type EngineFlags, fraction, metadataEntry, withEngineOptions } from '../option-parsers.js';
import { storeMemory } from './store-memory.js';

interface PreferenceFlags extends EngineFlags {
  readonly user: string;
  readonly category: string;
  readonly preference: string;
  readonly source: string;
  readonly confidence?: number;
  readonly metadata?: Record<string, string | number | boolean>;
}

/** `alma add-preference`: what a user wants; preferences belong to users, not to agents. */
export function registerAddPreferenceCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('add-preference')
      .description('store a user preference (retrieved with --user)')
      .requiredOption('--user <id>', 'the user it belongs to')
      .requiredOption('--category <name>', 'e.g. communication')
      .requiredOption('--preference <text>', 'the preference')
      .option('--source <text>', 'e.g. explicit_instruction', 'explicit_instruction')
      .option('--confidence <0..1>', 'how sure (default 1)', fraction)
      .option('--metadata <key=value>', 'metadata, repeatable', metadataEntry),
  ).action((flags: PreferenceFlags) =>
    storeMemory(context, flags, {
      kind: 'preference',
      noun: 'preference',
      agents: [],
      write: (alma) =>
        alma.addPreference({
          userId: flags.user,
          category: flags.category,
          preference: flags.preference,
          source: flags.source,
          confidence: flags.confidence,
          metadata: flags.metadata,
        }),
    }),
  );
}

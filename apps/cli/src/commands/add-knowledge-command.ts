import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { type EngineFlags, fraction, metadataEntry, withEngineOptions } from '../option-parsers.js';
import { storeMemory } from './store-memory.js';

interface KnowledgeFlags extends EngineFlags {
  readonly agent: string;
  readonly domain: string;
  readonly fact: string;
  readonly source: string;
  readonly confidence?: number;
  readonly metadata?: Record<string, string | number | boolean>;
}

/** `alma add-knowledge`: a fact an agent keeps about a domain within its scope. */
export function registerAddKnowledgeCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('add-knowledge')
      .description('store a domain fact for an agent (the domain must be within what it may learn)')
      .requiredOption('--agent <name>', 'the agent the fact belongs to')
      .requiredOption('--domain <name>', 'e.g. deploys')
      .requiredOption('--fact <text>', 'the fact')
      .option('--source <text>', 'where it comes from', 'cli')
      .option('--confidence <0..1>', 'how sure (default 1)', fraction)
      .option('--metadata <key=value>', 'metadata, repeatable', metadataEntry),
  ).action((flags: KnowledgeFlags) =>
    storeMemory(context, flags, {
      kind: 'domainKnowledge',
      noun: 'knowledge',
      agents: [flags.agent],
      write: (alma) =>
        alma.addKnowledge({
          agent: flags.agent,
          domain: flags.domain,
          fact: flags.fact,
          source: flags.source,
          confidence: flags.confidence,
          metadata: flags.metadata,
        }),
    }),
  );
}

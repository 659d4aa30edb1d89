import { type Embedder, type MemoryStore, ValidationError } from '@alma/core';
import { Alma, type AlmaConfig, type AlmaConfigInput, parseAlmaConfig } from '@alma/engine';

/** Agents a project may name without a configuration file before the server refuses more. */
export const MAX_OPEN_AGENTS = 1_000;

/**
 * One engine per project over the one shared store; isolation is the engine's projectId on every
 * operation. With a configuration file, every project gets its agents' scopes and tuning. Without
 * one the agents are open: each agent a call names is declared on first use and may learn anything
 * (the original server's behaviour for agents without a scope), reading only its own memories.
 */
export class ProjectEngines {
  private readonly engines = new Map<string, Alma>();

  constructor(
    readonly store: MemoryStore,
    private readonly embedder: Embedder,
    /** The configuration every project shares; null: open agents. */
    private readonly template: AlmaConfig | null,
  ) {}

  /** Whether agents are declared by the configuration file (true) or on first use (false). */
  get closed(): boolean {
    return this.template !== null;
  }

  /** The project's engine, able to serve these agents (declaring them, when agents are open). */
  engineFor(projectId: string, agents: readonly (string | undefined)[] = []): Alma {
    const current = this.engines.get(projectId);
    const named = agents.filter((agent): agent is string => typeof agent === 'string' && agent !== '');
    if (current && (this.template || named.every((agent) => Object.hasOwn(current.config.agents, agent)))) {
      return current;
    }
    const engine = new Alma({
      store: this.store,
      embedder: this.embedder,
      config: this.configOf(projectId, current, named),
    });
    this.engines.set(projectId, engine);
    return engine;
  }

  private configOf(projectId: string, current: Alma | undefined, named: readonly string[]): AlmaConfig {
    if (this.template) return parseAlmaConfig({ ...this.template, projectId });
    const agents: AlmaConfigInput['agents'] = { ...current?.config.agents };
    for (const agent of named) agents[agent] ??= {};
    if (Object.keys(agents).length > MAX_OPEN_AGENTS) {
      throw new ValidationError(
        `project ${projectId} already has ${MAX_OPEN_AGENTS} agents; declare agents in a configuration file (--config)`,
      );
    }
    return parseAlmaConfig({ projectId, agents });
  }
}

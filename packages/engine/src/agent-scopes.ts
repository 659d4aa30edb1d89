import { ScopeViolationError } from '@alma/core';
import type { AgentScope } from './engine-config.js';

/**
 * The agents' scopes, enforced on every engine read and write: unknown agents are refused, learning
 * needs `canLearn` (and loses to `cannotLearn`), reads see the agent's own memories plus those of
 * the agents it inherits from, and naming any other agent needs that agent's `shareWith`.
 */
export class AgentScopes {
  constructor(private readonly agents: Readonly<Record<string, AgentScope>>) {}

  /** The agent's scope; ScopeViolationError when the configuration does not declare it. */
  scopeOf(agent: string): AgentScope {
    const scope = Object.hasOwn(this.agents, agent) ? this.agents[agent] : undefined;
    if (!scope) {
      throw new ScopeViolationError(`agent '${agent}' has no scope in this configuration`, {
        details: { agent, rule: 'declared' },
      });
    }
    return scope;
  }

  /** Refuses learning about `topic` (a task type or a knowledge domain) outside the agent's scope. */
  assertCanLearn(agent: string, topic: string): void {
    const scope = this.scopeOf(agent);
    if (scope.cannotLearn.includes(topic)) {
      throw new ScopeViolationError(`agent '${agent}' cannot learn '${topic}' (cannotLearn)`, {
        details: { agent, topic, rule: 'cannotLearn' },
      });
    }
    if (scope.canLearn !== undefined && !scope.canLearn.includes(topic)) {
      throw new ScopeViolationError(
        `agent '${agent}' may only learn ${listOf(scope.canLearn)}, not '${topic}'`,
        {
          details: { agent, topic, rule: 'canLearn' },
        },
      );
    }
  }

  /** Agents whose memories the agent's reads include by default: itself, then those it inherits from. */
  readableAgents(agent: string): readonly string[] {
    return [agent, ...this.scopeOf(agent).inheritFrom];
  }

  /** Refuses a read of `owner`'s memories unless owner is the reader or shares with it. */
  assertCanRead(reader: string, owner: string): void {
    this.scopeOf(reader);
    if (owner === reader) return;
    if (!this.scopeOf(owner).shareWith.includes(reader)) {
      throw new ScopeViolationError(`agent '${owner}' does not share its memories with '${reader}'`, {
        details: { reader, owner, rule: 'shareWith' },
      });
    }
  }
}

function listOf(topics: readonly string[]): string {
  return topics.length === 0 ? 'nothing' : topics.map((topic) => `'${topic}'`).join(', ');
}

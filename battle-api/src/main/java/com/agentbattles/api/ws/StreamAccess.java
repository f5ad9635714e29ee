package com.agentbattles.api.ws;

import com.agentbattles.api.security.Caller;

/** What a subscription to a stream channel is checked against: the market's symbols and the caller's agents. */
interface StreamAccess {

    /** The symbol as the market knows it (upper case); throws {@code SYMBOL_NOT_FOUND} for an unknown one. */
    String knownSymbol(String symbol);

    /**
     * The agent whose own channels the caller follows: an agent's key its agent (an account's key
     * is its default agent), a JWT the agent named by {@code agentId} or else the account's default
     * agent, exactly as the REST trading endpoints resolve it; throws {@code AGENT_NOT_FOUND} for
     * another account's agent.
     */
    String agentFor(Caller caller, String agentId);
}

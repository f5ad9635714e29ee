package com.agentbattles.api.agent;

import com.agentbattles.api.agent.AgentRequests.CloneAgentRequest;
import com.agentbattles.api.agent.AgentRequests.CreateAgentRequest;
import com.agentbattles.api.agent.AgentRequests.ResetAgentRequest;
import com.agentbattles.api.agent.AgentRequests.UpdateAgentRequest;
import com.agentbattles.api.agent.AgentResponses.AgentList;
import com.agentbattles.api.agent.AgentResponses.AgentResponse;
import com.agentbattles.api.agent.AgentResponses.AgentSummary;
import com.agentbattles.api.agent.AgentResponses.CreatedAgentResponse;
import com.agentbattles.api.agent.AgentResponses.Overview;
import com.agentbattles.api.agent.AgentResponses.RegeneratedKey;
import com.agentbattles.api.security.ApiKeys;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.domain.agent.AgentCommands.ArchiveAgent;
import com.agentbattles.domain.agent.AgentCommands.CreateAgent;
import com.agentbattles.domain.agent.AgentCommands.DeleteAgent;
import com.agentbattles.domain.agent.AgentCommands.RegenerateAgentKey;
import com.agentbattles.domain.agent.AgentCommands.ResetAgent;
import com.agentbattles.domain.agent.AgentCommands.UpdateAgent;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.AgentQueries.FindAgent;
import com.agentbattles.domain.agent.AgentQueries.ListAgents;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /agents}: an account manages its agents (JWT only). */
@RestController
@Tag(name = "Agents", description = "Manage an account's agents, their keys and risk profiles (JWT)")
@RequestMapping("/api/v1/agents")
public class AgentController {

    private static final BigDecimal DEFAULT_STARTING_BALANCE = new BigDecimal("10000.00");

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelBarrier barrier;
    private final SkillFile skillFile;
    private final Clock clock;

    public AgentController(CommandGateway commands, QueryGateway queries, ReadModelBarrier barrier,
                           SkillFile skillFile, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.barrier = barrier;
        this.skillFile = skillFile;
        this.clock = clock;
    }

    @Operation(summary = "Create an agent with its own API key")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedAgentResponse create(Caller caller, @RequestBody CreateAgentRequest request) {
        caller.requireJwt();
        BigDecimal balance = request.startingBalance() == null ? DEFAULT_STARTING_BALANCE : request.startingBalance();
        return createAgent(caller, request.name(), request.description(), balance, request.riskConfig(), null,
                Boolean.TRUE.equals(request.published()));
    }

    @Operation(summary = "List the account's agents")
    @GetMapping
    public AgentList list(Caller caller, @RequestParam(name = "include_archived", defaultValue = "false") boolean includeArchived) {
        return new AgentList(listAgents(caller, includeArchived).stream().map(AgentResponse::of).toList());
    }

    @Operation(summary = "One summary line per agent")
    @GetMapping("/overview")
    public Overview overview(Caller caller) {
        List<AgentSummary> summaries = listAgents(caller, false).stream()
                .map(view -> new AgentSummary(view.agentId(), view.name(), view.status(), view.defaultAgent(),
                        AgentResponses.money(view.startingBalance()), AgentResponses.money(view.startingBalance()),
                        AgentResponses.money(BigDecimal.ZERO), AgentResponses.money(BigDecimal.ZERO), 0, view.createdAt()))
                .toList();
        BigDecimal totalEquity = summaries.stream().map(AgentSummary::equity).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Overview(summaries, summaries.size(), AgentResponses.money(totalEquity));
    }

    @Operation(summary = "Get one agent")
    @GetMapping("/{agentId}")
    public AgentResponse get(Caller caller, @PathVariable String agentId) {
        return AgentResponse.of(find(caller.requireJwt(), agentId));
    }

    @Operation(summary = "Change an agent's name, description, risk profile or whether it is published")
    @PutMapping("/{agentId}")
    public AgentResponse update(Caller caller, @PathVariable String agentId, @RequestBody UpdateAgentRequest request) {
        caller.requireJwt();
        send(agentId, new UpdateAgent(agentId, caller.accountId(), request.name(), request.description(),
                request.riskConfig(), clock.instant(), request.published()));
        return get(caller, agentId);
    }

    @Operation(summary = "Delete an agent that never entered a battle")
    @DeleteMapping("/{agentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String agentId) {
        caller.requireJwt();
        send(agentId, new DeleteAgent(agentId, caller.accountId(), clock.instant()));
    }

    @Operation(summary = "Clone an agent (new key, same profile)")
    @PostMapping("/{agentId}/clone")
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedAgentResponse cloneAgent(Caller caller, @PathVariable String agentId,
                                           @RequestBody(required = false) CloneAgentRequest request) {
        AgentView original = find(caller.requireJwt(), agentId);
        String name = request != null && request.name() != null ? request.name() : copyName(original.name());
        // a clone is a new agent: it stays private until its owner publishes it
        return createAgent(caller, name, original.description(), original.startingBalance(), original.riskConfig(),
                original.agentId(), false);
    }

    @Operation(summary = "Reset an agent's starting balance")
    @PostMapping("/{agentId}/reset")
    public AgentResponse reset(Caller caller, @PathVariable String agentId,
                               @RequestBody(required = false) ResetAgentRequest request) {
        AgentView agent = find(caller.requireJwt(), agentId);
        BigDecimal balance = request != null && request.startingBalance() != null
                ? request.startingBalance() : agent.startingBalance();
        send(agentId, new ResetAgent(agentId, caller.accountId(), balance, clock.instant()));
        return get(caller, agentId);
    }

    @Operation(summary = "Archive an agent; its key stops working")
    @PostMapping("/{agentId}/archive")
    public AgentResponse archive(Caller caller, @PathVariable String agentId) {
        caller.requireJwt();
        send(agentId, new ArchiveAgent(agentId, caller.accountId(), clock.instant()));
        return get(caller, agentId);
    }

    @Operation(summary = "Rotate an agent's API key; the old one stops working at once")
    @PostMapping("/{agentId}/regenerate-key")
    public RegeneratedKey regenerateKey(Caller caller, @PathVariable String agentId) {
        caller.requireJwt();
        String apiKey = ApiKeys.newApiKey();
        Instant now = clock.instant();
        send(agentId, new RegenerateAgentKey(agentId, caller.accountId(), ApiKeys.hash(apiKey),
                ApiKeys.displayPrefix(apiKey), now));
        return new RegeneratedKey(agentId, apiKey, ApiKeys.displayPrefix(apiKey), now);
    }

    @Operation(summary = "The markdown brief an LLM agent reads to trade with its key")
    @GetMapping(value = "/{agentId}/skill.md", produces = "text/markdown;charset=UTF-8")
    public String skill(Caller caller, @PathVariable String agentId, HttpServletRequest request) {
        return skillFile.render(find(caller.requireJwt(), agentId), request);
    }

    private CreatedAgentResponse createAgent(Caller caller, String name, String description, BigDecimal balance,
                                             com.agentbattles.domain.agent.RiskConfig risk, String clonedFrom,
                                             boolean published) {
        String agentId = UUID.randomUUID().toString();
        String apiKey = ApiKeys.newApiKey();
        commands.sendAndWait(new CreateAgent(agentId, caller.accountId(), name, description, balance, risk,
                ApiKeys.hash(apiKey), ApiKeys.displayPrefix(apiKey), false, clonedFrom, clock.instant(), published));
        AgentView created = find(caller, agentId);
        return new CreatedAgentResponse(created.agentId(), created.name(), apiKey,
                AgentResponses.money(created.startingBalance()), created.riskConfig(), created.status(),
                created.clonedFrom(), created.createdAt(), created.published());
    }

    private List<AgentView> listAgents(Caller caller, boolean includeArchived) {
        caller.requireJwt();
        barrier.awaitProjections();
        return queries.query(new ListAgents(caller.accountId(), includeArchived),
                ResponseTypes.multipleInstancesOf(AgentView.class)).join();
    }

    private AgentView find(Caller caller, String agentId) {
        barrier.awaitProjections();
        return queries.query(new FindAgent(caller.accountId(), agentId), ResponseTypes.optionalInstanceOf(AgentView.class))
                .join()
                .orElseThrow(() -> notFound(agentId));
    }

    /** Sends a command and returns once the read models show its effect (and a replaced key is refused). */
    private void send(String agentId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw notFound(agentId);
        }
        barrier.awaitProjections();
    }

    private static DomainException notFound(String agentId) {
        return new DomainException(ErrorCode.AGENT_NOT_FOUND, "agent " + agentId + " not found", Map.of("agent_id", agentId));
    }

    private static String copyName(String name) {
        String copy = name + " (copy)";
        return copy.length() <= 100 ? copy : copy.substring(0, 100);
    }
}

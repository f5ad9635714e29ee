package com.agentbattles.api.battle;

import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.api.battle.BattleRequests.AddParticipantRequest;
import com.agentbattles.api.battle.BattleRequests.BattleRequest;
import com.agentbattles.api.battle.BattleRequests.RematchRequest;
import com.agentbattles.api.battle.BattleResponses.BattleList;
import com.agentbattles.api.battle.BattleResponses.BattleListItem;
import com.agentbattles.api.battle.BattleResponses.BattleResponse;
import com.agentbattles.api.battle.BattleResponses.ParticipantList;
import com.agentbattles.api.battle.BattleResponses.ParticipantResponse;
import com.agentbattles.api.battle.BattleResponses.PresetResponse;
import com.agentbattles.api.security.Caller;
import com.agentbattles.api.support.ReadModelBarrier;
import com.agentbattles.command.battle.HistoricalStartPreparer;
import com.agentbattles.domain.battle.BattleCommands.AddParticipant;
import com.agentbattles.domain.battle.BattleCommands.CancelBattle;
import com.agentbattles.domain.battle.BattleCommands.CreateBattle;
import com.agentbattles.domain.battle.BattleCommands.DeleteBattle;
import com.agentbattles.domain.battle.BattleCommands.Entrant;
import com.agentbattles.domain.battle.BattleCommands.PauseParticipant;
import com.agentbattles.domain.battle.BattleCommands.RemoveParticipant;
import com.agentbattles.domain.battle.BattleCommands.ResumeParticipant;
import com.agentbattles.api.live.LiveMarket;
import com.agentbattles.query.battle.LiveBattleDirectory;
import com.agentbattles.domain.battle.BattleCommands.StartBattle;
import com.agentbattles.domain.error.DomainException;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.battle.BattleCommands.StopBattle;
import com.agentbattles.domain.battle.BattleCommands.UpdateBattle;
import com.agentbattles.domain.battle.BattleMode;
import com.agentbattles.domain.battle.BattlePresets;
import com.agentbattles.domain.battle.BattleQueries.BattleDetail;
import com.agentbattles.domain.battle.BattleQueries.BattlePage;
import com.agentbattles.domain.battle.BattleQueries.FindBattle;
import com.agentbattles.domain.battle.BattleQueries.ListBattles;
import com.agentbattles.domain.battle.BattleQueries.ParticipantView;
import com.agentbattles.domain.battle.BattleStatus;
import com.agentbattles.domain.battle.HistoricalStart;
import com.agentbattles.domain.common.Decimals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /battles}: an account runs competitions between its agents (JWT only). Every change goes
 * through the Battle aggregate; answers come from the read model after the barrier, so a client
 * always reads its own change.
 */
@RestController
@Tag(name = "Battles", description = "Create, configure and run battles (JWT of the owner)")
@RequestMapping("/api/v1/battles")
public class BattleController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelBarrier barrier;
    private final BattleEntrants entrants;
    private final HistoricalStartPreparer historicalStarts;
    private final Clock clock;
    private final LiveMarket liveMarket;
    private final LiveBattleDirectory liveBattles;

    public BattleController(CommandGateway commands, QueryGateway queries, ReadModelBarrier barrier,
                            BattleEntrants entrants, HistoricalStartPreparer historicalStarts, Clock clock,
                            LiveMarket liveMarket, LiveBattleDirectory liveBattles) {
        this.liveMarket = liveMarket;
        this.liveBattles = liveBattles;
        this.commands = commands;
        this.queries = queries;
        this.barrier = barrier;
        this.entrants = entrants;
        this.historicalStarts = historicalStarts;
        this.clock = clock;
    }

    @Operation(summary = "Create a battle from a preset and/or explicit config")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public BattleResponse create(Caller caller, @RequestBody BattleRequest request) {
        caller.requireJwt();
        String battleId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateBattle(battleId, caller.accountId(), request.name(), request.preset(), null,
                BattleChangesMapper.from(request), List.of(), null, clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "List the account's battles")
    @GetMapping
    public BattleList list(Caller caller,
                           @RequestParam(required = false) String status,
                           @RequestParam(name = "battle_mode", required = false) String battleMode,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) Integer offset) {
        caller.requireJwt();
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        int skip = offset == null ? 0 : offset;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw Decimals.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (skip < 0) {
            throw Decimals.invalid("offset", "must not be negative");
        }
        ListBattles query = new ListBattles(caller.accountId(),
                status == null ? null : BattleStatus.parse("status", status),
                battleMode == null ? null : BattleMode.parse("battle_mode", battleMode), pageSize, skip);
        barrier.awaitProjections();
        BattlePage page = queries.query(query, ResponseTypes.instanceOf(BattlePage.class)).join();
        return new BattleList(page.battles().stream().map(BattleListItem::of).toList(), page.total(), pageSize, skip);
    }

    @Operation(summary = "The battle presets and their defaults")
    @GetMapping("/presets")
    public Map<String, PresetResponse> presets(Caller caller) {
        caller.requireJwt();
        Map<String, PresetResponse> presets = new LinkedHashMap<>();
        BattlePresets.all().forEach((key, preset) -> presets.put(key, PresetResponse.of(preset)));
        return presets;
    }

    @Operation(summary = "Get one battle")
    @GetMapping("/{battleId}")
    public BattleResponse get(Caller caller, @PathVariable String battleId) {
        return BattleResponse.of(find(caller, battleId));
    }

    @Operation(summary = "Change a draft or pending battle's config")
    @PutMapping("/{battleId}")
    public BattleResponse update(Caller caller, @PathVariable String battleId, @RequestBody BattleRequest request) {
        caller.requireJwt();
        send(battleId, new UpdateBattle(battleId, caller.accountId(), request.name(), request.preset(),
                BattleChangesMapper.from(request), clock.instant()));
        return get(caller, battleId);
    }

    /** Spec point 6: erases a battle not yet started, cancels a running one, hides a finished one. */
    @Operation(summary = "Delete (draft/pending), cancel (active/paused) or hide (finished) a battle")
    @DeleteMapping("/{battleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String battleId) {
        caller.requireJwt();
        send(battleId, new DeleteBattle(battleId, caller.accountId(), clock.instant()));
        barrier.awaitProjections(); // a list right after the 204 must not show it any more
    }

    @Operation(summary = "Add an agent to a battle")
    @PostMapping("/{battleId}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    public BattleResponse addParticipant(Caller caller, @PathVariable String battleId,
                                         @RequestBody AddParticipantRequest request) {
        find(caller, battleId); // an unknown battle is reported before an unknown agent
        Entrant entrant = entrants.entrant(caller, request.agentId(), "agent_id");
        send(battleId, new AddParticipant(battleId, caller.accountId(), entrant, clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "List a battle's participants")
    @GetMapping("/{battleId}/participants")
    public ParticipantList participants(Caller caller, @PathVariable String battleId) {
        BattleDetail battle = find(caller, battleId);
        return new ParticipantList(battleId, battle.participants().stream().map(ParticipantResponse::of).toList());
    }

    @Operation(summary = "Remove an agent from a battle")
    @DeleteMapping("/{battleId}/participants/{agentId}")
    public BattleResponse removeParticipant(Caller caller, @PathVariable String battleId, @PathVariable String agentId) {
        caller.requireJwt();
        send(battleId, new RemoveParticipant(battleId, caller.accountId(), agentId, clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "Start a pending battle with at least 2 participants")
    @PostMapping("/{battleId}/start")
    public BattleResponse start(Caller caller, @PathVariable String battleId) {
        BattleDetail battle = find(caller, battleId);
        List<String> roster = battle.participants().stream().map(ParticipantView::agentId).toList();
        if (!battle.config().isHistorical()) {
            requireWalletsFree(battleId, roster);
            liveMarket.follow(battle.config().pairs());
        }
        send(battleId, new StartBattle(battleId, caller.accountId(), historicalStart(battle),
                entrants.riskProfiles(caller, roster), liveMarket.liveStart(), clock.instant()));
        // the barrier also waits for the engagement process: once answered, participants are locked
        return get(caller, battleId);
    }

    @Operation(summary = "Pause one participant")
    @PostMapping({"/{battleId}/pause/{agentId}", "/{battleId}/participants/{agentId}/pause"})
    public BattleResponse pause(Caller caller, @PathVariable String battleId, @PathVariable String agentId) {
        caller.requireJwt();
        send(battleId, new PauseParticipant(battleId, caller.accountId(), agentId, clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "Resume a paused participant")
    @PostMapping({"/{battleId}/resume/{agentId}", "/{battleId}/participants/{agentId}/resume"})
    public BattleResponse resume(Caller caller, @PathVariable String battleId, @PathVariable String agentId) {
        caller.requireJwt();
        send(battleId, new ResumeParticipant(battleId, caller.accountId(), agentId, clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "Stop a running battle (completed)")
    @PostMapping("/{battleId}/stop")
    public BattleResponse stop(Caller caller, @PathVariable String battleId) {
        caller.requireJwt();
        // a live battle closes its positions at the feed's latest prices
        send(battleId, new StopBattle(battleId, caller.accountId(), liveMarket.quotes(), clock.instant()));
        return get(caller, battleId);
    }

    @Operation(summary = "Cancel a battle")
    @PostMapping("/{battleId}/cancel")
    public BattleResponse cancel(Caller caller, @PathVariable String battleId) {
        caller.requireJwt();
        send(battleId, new CancelBattle(battleId, caller.accountId(), clock.instant()));
        return get(caller, battleId);
    }

    /** Spec point 5: one operation under two names, each with its documented field names. */
    @Operation(summary = "Create a new battle with the same config and agents")
    @PostMapping({"/{battleId}/rematch", "/{battleId}/replay"})
    @ResponseStatus(HttpStatus.CREATED)
    public BattleResponse rematch(Caller caller, @PathVariable String battleId,
                                  @RequestBody(required = false) RematchRequest request) {
        RematchRequest body = request != null ? request : new RematchRequest(null, null, null, null);
        BattleDetail source = find(caller, battleId);
        if (source.status() != BattleStatus.COMPLETED) {
            throw source.status().refuse("rematch");
        }
        List<Entrant> roster = entrants.entrants(caller, roster(source, body), "override_agents");
        String newBattleId = UUID.randomUUID().toString();
        String name = body.name() != null ? body.name() : rematchName(source.name());
        commands.sendAndWait(new CreateBattle(newBattleId, caller.accountId(), name, null, source.config(),
                BattleChangesMapper.from(body.overrideConfig()), roster, source.battleId(), clock.instant()));
        return get(caller, newBattleId);
    }

    private static List<String> roster(BattleDetail source, RematchRequest body) {
        if (body.overrideAgents() != null && body.agentIds() != null && !body.overrideAgents().equals(body.agentIds())) {
            throw Decimals.invalid("override_agents", "and agent_ids name different agents; send one of them");
        }
        List<String> chosen = body.overrideAgents() != null ? body.overrideAgents() : body.agentIds();
        return chosen != null ? chosen : source.participants().stream().map(ParticipantView::agentId).toList();
    }

    private static String rematchName(String name) {
        String rematch = name + " (rematch)";
        return rematch.length() <= 100 ? rematch : rematch.substring(0, 100);
    }

    /**
     * Historical battles need their data checked and fingerprinted before they start; only worth
     * asking when the start can otherwise succeed, so that an illegal start is reported as such.
     */
    /** A wallet is in one live battle at a time: the other battle holds it until it ends. */
    private void requireWalletsFree(String battleId, List<String> roster) {
        Map<String, String> busy = liveBattles.liveBattlesOf(roster, battleId);
        if (!busy.isEmpty()) {
            throw new DomainException(ErrorCode.AGENT_IN_ACTIVE_BATTLE,
                    "agents trade in one live battle at a time; these are in another: " + busy.keySet(),
                    Map.of("battle_id", battleId, "agents_in_other_battles", busy));
        }
    }

    private HistoricalStart historicalStart(BattleDetail battle) {
        boolean startable = battle.status() == BattleStatus.PENDING && battle.participants().size() >= 2;
        if (!battle.config().isHistorical() || !startable) {
            return null;
        }
        return historicalStarts.prepare(battle.battleId(), battle.config());
    }

    private BattleDetail find(Caller caller, String battleId) {
        caller.requireJwt();
        barrier.awaitProjections();
        return queries.query(new FindBattle(caller.accountId(), battleId), ResponseTypes.optionalInstanceOf(BattleDetail.class))
                .join()
                .orElseThrow(() -> BattleErrors.notFound(battleId));
    }

    private void send(String battleId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw BattleErrors.notFound(battleId); // unknown, or deleted (AggregateDeletedException is a subtype)
        }
    }
}

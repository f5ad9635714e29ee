package com.agentbattles.api.battle;

import com.agentbattles.api.battle.BattleParticipants.Participant;
import com.agentbattles.api.security.Caller;
import com.agentbattles.domain.battle.BattleErrors;
import com.agentbattles.domain.common.Decimals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import java.time.Duration;

/**
 * A participant's own view of its battle, with a long poll: an agent playing for itself asks for
 * the state after the step it last saw and is answered as soon as the battle moves past it, or
 * with the unchanged state when its wait is over. The wait holds no thread: the request's
 * {@link DeferredResult} is completed by {@link BattleStateSignals} or by its timeout.
 */
@RestController
@RequestMapping("/api/v1/battles/{battleId}")
@Tag(name = "Participant's view", description = "What one participant sees of its battle")
public class BattleStateController {

    static final int MAX_WAIT_SECONDS = 60;

    private final BattleParticipants participants;
    private final BattleStates states;
    private final BattleStateSignals signals;

    public BattleStateController(BattleParticipants participants, BattleStates states, BattleStateSignals signals) {
        this.participants = participants;
        this.states = states;
        this.signals = signals;
    }

    @GetMapping("/state")
    @Operation(summary = "The battle as one participant sees it: clock, current candles, prices, its status",
            description = "With the agent's X-API-Key, or the owner's JWT and agent_id. after_step and wait_seconds "
                    + "(0 to 60) make it a long poll: it answers once the step is past after_step or the battle has "
                    + "finished, else with the current state when wait_seconds have passed.")
    public DeferredResult<BattleState> state(Caller caller, @PathVariable String battleId,
                                             @RequestParam(name = "agent_id", required = false) String agentId,
                                             @RequestParam(name = "after_step", required = false) String afterStepParam,
                                             @RequestParam(name = "wait_seconds", required = false) String waitParam) {
        Long afterStep = afterStepParam == null ? null : number("after_step", afterStepParam, 0, Long.MAX_VALUE);
        long waitSeconds = waitParam == null ? 0 : number("wait_seconds", waitParam, 0, MAX_WAIT_SECONDS);
        Participant participant = participants.resolve(caller, battleId, agentId);
        BattleState now = states.state(participant);
        if (afterStep == null || waitSeconds == 0 || BattleStates.moved(now, afterStep)) {
            DeferredResult<BattleState> answered = new DeferredResult<>();
            answered.setResult(now);
            return answered;
        }
        return await(participant, afterStep, Duration.ofSeconds(waitSeconds));
    }

    private DeferredResult<BattleState> await(Participant participant, long afterStep, Duration wait) {
        DeferredResult<BattleState> result = new DeferredResult<>(wait.toMillis());
        Runnable check = () -> {
            try {
                BattleState state = read(participant);
                if (BattleStates.moved(state, afterStep)) {
                    result.setResult(state);
                }
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        };
        Runnable stop = signals.listen(participant.battleId(), check);
        result.onCompletion(stop);
        result.onTimeout(() -> {
            try {
                result.setResult(read(participant));
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        });
        check.run(); // a step committed between the first read and listening is not missed
        return result;
    }

    /** The state now; the participant read again, since its status (and the battle's) may have changed. */
    private BattleState read(Participant participant) {
        return participants.findCaughtUp(participant.battle().accountId(), participant.battleId(), participant.agentId())
                .map(states::state)
                .orElseThrow(() -> BattleErrors.notFound(participant.battleId()));
    }

    private static long number(String field, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw Decimals.invalid(field, "must be a whole number (got '" + text + "')");
        }
        if (value < min || value > max) {
            throw Decimals.invalid(field, max == Long.MAX_VALUE ? "must be " + min + " or more"
                    : "must be between " + min + " and " + max);
        }
        return value;
    }
}

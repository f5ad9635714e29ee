package com.agentbattles.api.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** When the barrier counts an event as handled by a processor, from the processor's token. */
class ReadModelBarrierTest {

    @Test
    void anEventAtOrBeforeTheTokensIndexIsHandled() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, Set.of());
        assertThat(ReadModelBarrier.handled(token, 10)).isTrue();
        assertThat(ReadModelBarrier.handled(token, 3)).isTrue();
        assertThat(ReadModelBarrier.handled(token, 11)).isFalse();
    }

    @Test
    void anEventCommittedLateUnderALowerIndexIsNotHandledWhileItIsAGap() {
        // the processor read event 10 while the transaction of 8 was still open
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(8L));
        assertThat(ReadModelBarrier.handled(token, 8)).isFalse();
        assertThat(ReadModelBarrier.handled(token, 9)).isTrue();
    }

    @Test
    void aReplayCountsOnlyWhatItHasReplayedNotWhereItWillEnd() {
        TrackingToken head = GapAwareTrackingToken.newInstance(500, Set.of());
        TrackingToken fromTheStart = ReplayToken.createReplayToken(head, null);
        assertThat(ReadModelBarrier.handled(fromTheStart, 0)).isFalse();
        assertThat(ReadModelBarrier.handled(fromTheStart, 500)).isFalse();

        TrackingToken halfway = ((ReplayToken) fromTheStart).advancedTo(GapAwareTrackingToken.newInstance(250, Set.of()));
        assertThat(halfway).isInstanceOf(ReplayToken.class);
        assertThat(ReadModelBarrier.handled(halfway, 250)).isTrue();
        assertThat(ReadModelBarrier.handled(halfway, 251)).isFalse();
    }

    @Test
    void aProcessorWithoutATokenHasHandledNothing() {
        assertThat(ReadModelBarrier.handled(null, 0)).isFalse();
    }
}

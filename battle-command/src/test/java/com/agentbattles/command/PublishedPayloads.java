package com.agentbattles.command;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the payloads a fixture's command published, for assertions that name what they check
 * (a fill's price, the order of a battle's last events) where spelling out every event exactly
 * would only repeat the engine's arithmetic. Always matches: the assertions that follow decide.
 */
public final class PublishedPayloads extends BaseMatcher<List<? super EventMessage<?>>> {

    private final List<Object> payloads = new ArrayList<>();

    @Override
    public boolean matches(Object actual) {
        payloads.clear();
        for (Object message : (List<?>) actual) {
            payloads.add(((EventMessage<?>) message).getPayload());
        }
        return true;
    }

    public List<Object> payloads() {
        return payloads;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("any events (kept for the assertions that follow)");
    }
}

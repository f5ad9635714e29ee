package com.agentbattles.api.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report for the requests it refuses before any web application sees them (an
 * encoded slash or a NUL in the URL, an invalid character in the request line, an oversized
 * header, an unknown HTTP version): the spec's JSON envelope with Tomcat's status instead of
 * Tomcat's HTML page. Errors inside the application never get here: they are forwarded to
 * {@link JsonErrorController} first, which commits the response.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private final ErrorResponses errors;

    public JsonErrorReportValve(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own: not for a success, not once anything was written, only once per error
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(errors.json(ErrorResponses.code(status), ErrorResponses.message(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over; nothing left to tell it
        }
    }
}

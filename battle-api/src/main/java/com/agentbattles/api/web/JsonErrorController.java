package com.agentbattles.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Where the servlet container forwards every error that did not come out of a controller: a
 * {@code sendError} from a filter or from Tomcat inside our context, an exception thrown by a
 * filter. It replaces Spring Boot's {@code BasicErrorController}, whose
 * {@code {"timestamp","status","error"}} body (or HTML page) is not our envelope. The status is
 * the one already decided; this only gives it the spec's body, in JSON whatever the Accept header.
 */
@Hidden
@RestController
public class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object forwardedStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // /error asked for by name is not an endpoint
        int status = forwardedStatus instanceof Integer code ? code : 404;
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("Unexpected failure outside the controllers on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    failure);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(ErrorResponses.code(status).name(), ErrorResponses.message(status), Map.of()));
    }
}

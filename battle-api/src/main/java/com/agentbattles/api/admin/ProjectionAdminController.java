package com.agentbattles.api.admin;

import com.agentbattles.api.support.ProjectionRebuilder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operator endpoints for read models (X-Admin-Key). */
@RestController
@Tag(name = "Admin", description = "Operator endpoints (X-Admin-Key)")
@SecurityRequirement(name = "adminKey")
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionRebuilder rebuilder;

    public ProjectionAdminController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    public record RebuildRequest(List<String> projections) {
    }

    @Operation(summary = "List the projections that can be rebuilt")
    @GetMapping
    public Map<String, List<String>> list() {
        return Map.of("projections", rebuilder.projections());
    }

    /** Replays the named projections (all when none) and answers when they have caught up. */
    @Operation(summary = "Rebuild read models by replaying the event log")
    @PostMapping("/rebuild")
    public ProjectionRebuilder.RebuildReport rebuild(@RequestBody(required = false) RebuildRequest request) {
        return rebuilder.rebuild(request == null ? List.of() : request.projections(), progress -> {
        });
    }
}

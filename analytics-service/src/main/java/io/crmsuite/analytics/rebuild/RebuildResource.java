package io.crmsuite.analytics.rebuild;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "rebuild", description = "Rebuilding the indicators from the topics")
@Path("/analytics/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final RebuildService rebuilds;

    RebuildResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Operation(operationId = "startRebuild", summary = "Rebuild the state by replaying both topics", description = "202 with the progress; queries "
            + "answer from the live generation until the new one has caught up, then every replica switches to it. "
            + "409 while one runs.")
    @APIResponse(responseCode = "202", description = "Started: the progress, as GET answers it")
    @APIResponse(responseCode = "409", description = "A rebuild is running")
    public Response start() {
        return Response.accepted(rebuilds.start()).location(URI.create("/analytics/rebuild")).build();
    }

    @GET
    @Operation(operationId = "getRebuildStatus", summary = "Progress of the last rebuild: state (RUNNING, DONE, FAILED with its error), applied, "
            + "invalid, total, percent, generation")
    @APIResponse(responseCode = "200", description = "The last rebuild's progress", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildService.Progress.class)))
    @APIResponse(responseCode = "404", description = "No rebuild was ever started")
    public RebuildService.Progress status() {
        return rebuilds.status();
    }
}

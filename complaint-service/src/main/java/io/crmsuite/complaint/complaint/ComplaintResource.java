package io.crmsuite.complaint.complaint;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.complaint.config.ComplaintConfig;
import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.complaint.intake.IntakeRequest;
import io.crmsuite.complaint.intake.IntakeService;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.http.QueryParams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComplaintResource {

    private final IntakeService intake;
    private final HandlingService handling;
    private final ComplaintStore store;
    private final ComplaintQueries queries;
    private final ComplaintMapper mapper;
    private final ComplaintConfig config;
    private final Clock clock;

    ComplaintResource(IntakeService intake, HandlingService handling, ComplaintStore store, ComplaintQueries queries,
            ComplaintMapper mapper, ComplaintConfig config, Clock clock) {
        this.intake = intake;
        this.handling = handling;
        this.store = store;
        this.queries = queries;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Take a complaint in", description = "201 + Location for a new complaint. A retry (same "
            + "Idempotency-Key, or same source + externalRef) answers 200 with the first complaint; the same key with "
            + "another body is 422.")
    public Response create(IntakeRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Actor") String actor) {
        IntakeService.Intake result = intake.intake(request, Fingerprint.checkedKey(idempotencyKey),
                actorOf(null, actor, request == null ? null : request.source()));
        Complaint c = result.complaint();
        Response.ResponseBuilder response = result.created() ? Response.created(URI.create("/complaints/" + c.id))
                : Response.ok().location(URI.create("/complaints/" + c.id));
        return withETag(response, c).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A complaint with its timeline and its clock (due, elapsed, remaining, paused, status)")
    public Response get(@PathParam("id") String id) {
        return withETag(Response.ok(), store.get(id)).build();
    }

    @GET
    @Operation(summary = "Search complaints, newest first", description = "Filters combine with AND; dates are "
            + "ISO-8601 instants or dates (UTC). Pages follow nextCursor.")
    public ComplaintQueries.Page<ComplaintView> list(@QueryParam("status") String status,
            @QueryParam("clockStatus") String clockStatus, @QueryParam("customerId") String customerId,
            @QueryParam("category") String category, @QueryParam("channel") String channel,
            @QueryParam("severity") String severity, @QueryParam("assignee") String assignee,
            @QueryParam("dueBefore") String dueBefore, @QueryParam("dueAfter") String dueAfter,
            @QueryParam("receivedFrom") String receivedFrom, @QueryParam("receivedTo") String receivedTo,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ComplaintQueries.Filter filter = new ComplaintQueries.Filter(QueryParams.enumOf(Status.class, "status", status),
                QueryParams.enumOf(ClockStatus.class, "clockStatus", clockStatus), customerId,
                QueryParams.enumOf(Category.class, "category", category),
                QueryParams.enumOf(Channel.class, "channel", channel),
                QueryParams.enumOf(Severity.class, "severity", severity), assignee,
                QueryParams.instant("dueBefore", dueBefore), QueryParams.instant("dueAfter", dueAfter),
                QueryParams.instant("receivedFrom", receivedFrom), QueryParams.instant("receivedTo", receivedTo));
        ComplaintQueries.Page<Complaint> page = queries.search(filter, limit(limit), cursor);
        Instant now = clock.instant();
        return new ComplaintQueries.Page<>(page.items().stream().map(c -> mapper.toView(c, now)).toList(),
                page.nextCursor());
    }

    @GET
    @Path("worklist")
    @Operation(summary = "Open complaints by urgency", description = "Nearest deadline first, so breached ones are on "
            + "top. onHold=true adds those waiting on the customer.")
    public List<ComplaintView> worklist(@QueryParam("assignee") String assignee, @QueryParam("team") String team,
            @QueryParam("onHold") boolean onHold, @QueryParam("limit") String limit) {
        Instant now = clock.instant();
        return queries.worklist(assignee, team, onHold, limit(limit)).stream().map(c -> mapper.toView(c, now)).toList();
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(summary = "First response to the customer")
    public Response acknowledge(@PathParam("id") String id, ActionRequests.Acknowledge body,
            @HeaderParam("X-Actor") String actor, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var r = body == null ? new ActionRequests.Acknowledge(null, null) : body;
        return done(handling.acknowledge(id, r, actorOf(r.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/assign")
    @Operation(summary = "Assign to an agent (and team)")
    public Response assign(@PathParam("id") String id, ActionRequests.Assign body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.assign(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/hold")
    @Operation(summary = "Wait on the customer: the clock pauses")
    public Response hold(@PathParam("id") String id, ActionRequests.Hold body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.hold(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "The customer answered: the clock runs again, the deadline moved by the time on hold")
    public Response resume(@PathParam("id") String id, ActionRequests.Resume body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var r = body == null ? new ActionRequests.Resume(null, null) : body;
        return done(handling.resume(id, r, actorOf(r.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/resolve")
    @Operation(summary = "Resolve: resolution code, summary, optional compensation; the clock stops (MET or MISSED)")
    public Response resolve(@PathParam("id") String id, ActionRequests.Resolve body,
            @HeaderParam("X-Actor") String actor, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.resolve(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/reopen")
    @Operation(summary = "The customer is not satisfied: a new resolution cycle with a new clock")
    public Response reopen(@PathParam("id") String id, ActionRequests.Reopen body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.reopen(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/close")
    @Operation(summary = "Close a resolved complaint")
    public Response close(@PathParam("id") String id, ActionRequests.Close body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var r = body == null ? new ActionRequests.Close(null, null) : body;
        return done(handling.close(id, r, actorOf(r.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/notes")
    @Operation(summary = "Add a note to the timeline")
    public Response note(@PathParam("id") String id, ActionRequests.Note body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.note(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/satisfaction")
    @Operation(summary = "The customer's rating after resolution", description = "Score 1-5; a score at or below "
            + "crm.complaints.reopen-at-or-below-score reopens the complaint for service recovery.")
    public Response satisfaction(@PathParam("id") String id, ActionRequests.Satisfaction body,
            @HeaderParam("X-Actor") String actor, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.satisfaction(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    @POST
    @Path("{id}/link")
    @Operation(summary = "Link a complaint taken in without a known customer to a customer")
    public Response link(@PathParam("id") String id, ActionRequests.Link body, @HeaderParam("X-Actor") String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return done(handling.link(id, body, actorOf(body == null ? null : body.actor(), actor, null),
                Precondition.of(ifMatch, idempotencyKey, body)));
    }

    private Response done(Complaint c) {
        return withETag(Response.ok(), c).build();
    }

    private Response.ResponseBuilder withETag(Response.ResponseBuilder response, Complaint c) {
        return response.entity(mapper.toView(c, clock.instant())).header("ETag", ETags.of(c.revision));
    }

    private int limit(String limit) {
        Integer value = QueryParams.integer("limit", limit, 1, config.maxLimit());
        return value == null ? config.defaultLimit() : value;
    }

    /** Who acts: the body's actor, else the X-Actor header (the gateway sets it to the client), else a fallback. */
    static String actorOf(String bodyActor, String header, String fallback) {
        if (bodyActor != null && !bodyActor.isBlank()) {
            return bodyActor;
        }
        if (header != null && !header.isBlank()) {
            return header;
        }
        return fallback != null ? fallback : "unknown";
    }
}

package io.crmsuite.complaint.complaint;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.http.QueryParams;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "complaints", description = "Complaints under the 24-hour rule: intake, handling actions, worklist")
@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComplaintResource {

    /** What every handling action answers (OpenAPI annotations take constants only). */
    private static final String AFTER_ACTION = "The complaint as it is after the action; ETag";
    private static final String NOT_ALLOWED = "The action is not allowed in the complaint's state (allowedActions "
            + "lists those that are), or the timeline is full";

    /** The highest escalation level a filter may name: far above any configuration's number of steps. */
    private static final int MAX_ESCALATION_LEVEL = 1000;

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
    @Operation(operationId = "createComplaint", summary = "Take a complaint in", description = "201 + Location for a new complaint. A retry (same "
            + "Idempotency-Key, or same source + externalRef) answers 200 with the first complaint; the same key with "
            + "another body is 422.")
    @APIResponse(responseCode = "201", description = "Taken in; Location and ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "200", description = "A retry (same Idempotency-Key, or same source and externalRef): the first complaint", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    public Response create(IntakeRequest request, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(null);
        IntakeService.Intake result = intake.intake(request, caller.scope(Fingerprint.checkedKey(headers.idempotencyKey)),
                caller);
        Complaint c = result.complaint();
        Response.ResponseBuilder response = result.created() ? Response.created(URI.create("/complaints/" + c.id))
                : Response.ok().location(URI.create("/complaints/" + c.id));
        return withETag(response, c).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getComplaint", summary = "A complaint with its timeline and its clock (due, elapsed, remaining, paused, status)")
    @APIResponse(responseCode = "200", description = "The complaint; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    public Response get(@PathParam("id") String id) {
        return withETag(Response.ok(), store.get(id)).build();
    }

    @GET
    @Operation(operationId = "searchComplaints", summary = "Search complaints, newest first", description = "Filters combine with AND; dates are "
            + "ISO-8601 instants or dates (UTC). minEscalationLevel keeps complaints escalated at least that far in "
            + "their running cycle; sort=-escalationLevel puts the most escalated first (newest first within a "
            + "level). Pages follow nextCursor.")
    public ComplaintQueries.Page<ComplaintView> list(@QueryParam("status") String status,
            @QueryParam("clockStatus") String clockStatus, @QueryParam("customerId") String customerId,
            @QueryParam("category") String category, @QueryParam("channel") String channel,
            @QueryParam("severity") String severity, @QueryParam("assignee") String assignee,
            @QueryParam("dueBefore") String dueBefore, @QueryParam("dueAfter") String dueAfter,
            @QueryParam("receivedFrom") String receivedFrom, @QueryParam("receivedTo") String receivedTo,
            @QueryParam("minEscalationLevel") String minEscalationLevel,
            @Parameter(description = "-receivedAt (default) or -escalationLevel") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Instant dueFrom = QueryParams.instant("dueAfter", dueAfter);
        Instant dueTo = QueryParams.instant("dueBefore", dueBefore);
        Instant receivedStart = QueryParams.instant("receivedFrom", receivedFrom);
        Instant receivedEnd = QueryParams.instant("receivedTo", receivedTo);
        // an inverted range or an id that is no id would answer an empty list, read as "no such complaints"
        QueryParams.requireOrdered("dueAfter", dueFrom, "dueBefore", dueTo);
        QueryParams.requireOrdered("receivedFrom", receivedStart, "receivedTo", receivedEnd);
        UUID customer = QueryParams.uuid("customerId", customerId);
        ComplaintQueries.Filter filter = new ComplaintQueries.Filter(QueryParams.enumOf(Status.class, "status", status),
                QueryParams.enumOf(ClockStatus.class, "clockStatus", clockStatus),
                customer == null ? null : customer.toString(), QueryParams.enumOf(Category.class, "category", category),
                QueryParams.enumOf(Channel.class, "channel", channel),
                QueryParams.enumOf(Severity.class, "severity", severity), assignee, dueTo, dueFrom, receivedStart,
                receivedEnd, escalationLevel(minEscalationLevel));
        ComplaintQueries.Page<Complaint> page = queries.search(filter, ComplaintQueries.Sort.of(sort), limit(limit),
                cursor);
        Instant now = clock.instant();
        return new ComplaintQueries.Page<>(page.items().stream().map(c -> mapper.toView(c, now)).toList(),
                page.nextCursor());
    }

    @GET
    @Path("worklist")
    @Operation(operationId = "getWorklist", summary = "Open complaints by urgency", description = "Nearest deadline first, so breached ones are on "
            + "top; sort=-escalationLevel puts the most escalated first (by deadline within a level). onHold=true adds "
            + "those waiting on the customer; minEscalationLevel keeps the escalated ones.")
    public List<ComplaintView> worklist(@QueryParam("assignee") String assignee, @QueryParam("team") String team,
            @Parameter(description = "true adds the complaints waiting on the customer", schema = @Schema(
                    type = SchemaType.BOOLEAN)) @QueryParam("onHold") String onHold,
            @QueryParam("minEscalationLevel") String minEscalationLevel,
            @Parameter(description = "dueAt (default) or -escalationLevel") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit) {
        ComplaintQueries.WorklistSort order = ComplaintQueries.WorklistSort.of(sort);
        Instant now = clock.instant();
        return queries.worklist(assignee, team, bool("onHold", onHold), escalationLevel(minEscalationLevel), order,
                limit(limit)).stream().map(c -> mapper.toView(c, now)).toList();
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(operationId = "acknowledgeComplaint", summary = "First response to the customer")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response acknowledge(@PathParam("id") String id, ActionRequests.Acknowledge body,
            @BeanParam ActionHeaders headers) {
        var r = body == null ? new ActionRequests.Acknowledge(null, null) : body;
        Caller caller = headers.caller(r.actor());
        return done(handling.acknowledge(id, r, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/assign")
    @Operation(operationId = "assignComplaint", summary = "Assign to an agent (and team)")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response assign(@PathParam("id") String id, ActionRequests.Assign body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.assign(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/hold")
    @Operation(operationId = "holdComplaint", summary = "Wait on the customer: the clock pauses")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response hold(@PathParam("id") String id, ActionRequests.Hold body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.hold(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/resume")
    @Operation(operationId = "resumeComplaint", summary = "The customer answered: the clock runs again, the deadline moved by the time on hold")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response resume(@PathParam("id") String id, ActionRequests.Resume body, @BeanParam ActionHeaders headers) {
        var r = body == null ? new ActionRequests.Resume(null, null) : body;
        Caller caller = headers.caller(r.actor());
        return done(handling.resume(id, r, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/resolve")
    @Operation(operationId = "resolveComplaint", summary = "Resolve: resolution code, summary, optional compensation; the clock stops (MET or MISSED)")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response resolve(@PathParam("id") String id, ActionRequests.Resolve body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.resolve(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/reopen")
    @Operation(operationId = "reopenComplaint", summary = "The customer is not satisfied: a new resolution cycle with a new clock")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response reopen(@PathParam("id") String id, ActionRequests.Reopen body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.reopen(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/close")
    @Operation(operationId = "closeComplaint", summary = "Close a resolved complaint")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response close(@PathParam("id") String id, ActionRequests.Close body, @BeanParam ActionHeaders headers) {
        var r = body == null ? new ActionRequests.Close(null, null) : body;
        Caller caller = headers.caller(r.actor());
        return done(handling.close(id, r, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/notes")
    @Operation(operationId = "addComplaintNote", summary = "Add a note to the timeline")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response note(@PathParam("id") String id, ActionRequests.Note body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.note(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/satisfaction")
    @Operation(operationId = "rateComplaint", summary = "The customer's rating after resolution", description = "Score 1-5; a score at or below "
            + "crm.complaints.reopen-at-or-below-score reopens the complaint for service recovery.")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response satisfaction(@PathParam("id") String id, ActionRequests.Satisfaction body,
            @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.satisfaction(id, body, caller, headers.precondition(body, caller)));
    }

    @POST
    @Path("{id}/link")
    @Operation(operationId = "linkComplaint", summary = "Link a complaint taken in without a known customer to a customer")
    @APIResponse(responseCode = "200", description = AFTER_ACTION, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "409", description = NOT_ALLOWED)
    public Response link(@PathParam("id") String id, ActionRequests.Link body, @BeanParam ActionHeaders headers) {
        Caller caller = headers.caller(body == null ? null : body.actor());
        return done(handling.link(id, body, caller, headers.precondition(body, caller)));
    }

    private Response done(Complaint c) {
        return withETag(Response.ok(), c).build();
    }

    private Response.ResponseBuilder withETag(Response.ResponseBuilder response, Complaint c) {
        return response.entity(mapper.toView(c, clock.instant())).header("ETag", ETags.of(c.revision));
    }

    /** A flag: absent is false; anything but true or false is 400 naming it (not silently false). */
    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.badField(name, "'" + value + "' is not true or false");
    }

    private static Integer escalationLevel(String minEscalationLevel) {
        return QueryParams.integer("minEscalationLevel", minEscalationLevel, 0, MAX_ESCALATION_LEVEL);
    }

    private int limit(String limit) {
        Integer value = QueryParams.integer("limit", limit, 1, config.maxLimit());
        return value == null ? config.defaultLimit() : value;
    }
}

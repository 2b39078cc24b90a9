package io.crmsuite.webhook.subscription;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.http.MergePatch;
import io.crmsuite.platform.http.QueryParams;
import io.crmsuite.webhook.config.WebhookConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /webhooks}: subscriptions of the calling client ({@code X-Client-Id}, set by the gateway), or of every
 * client for an admin ({@code X-Client-Roles}).
 */
@Tag(name = "webhooks", description = "Webhook subscriptions: signed Standard Webhooks deliveries of complaint and customer events")
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final Ping ping;
    private final ObjectMapper mapper;
    private final WebhookConfig config;

    SubscriptionResource(SubscriptionService subscriptions, Ping ping, ObjectMapper mapper, WebhookConfig config) {
        this.subscriptions = subscriptions;
        this.ping = ping;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Subscribe a URL to events", description = "201 with Location and ETag; the answer holds the "
            + "signing secret (whsec_...), shown this once. The same Idempotency-Key with the same body answers with "
            + "the first subscription; with another body, 422.")
    @APIResponse(responseCode = "201", description = "Subscribed; Location and ETag; the secret, shown this once. A retry with the same Idempotency-Key and body answers the same: the first subscription and its secret, with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "409", description = "The client has max-subscriptions-per-owner already")
    public Response create(SubscriptionRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        SubscriptionService.Created created = subscriptions.create(request, Requester.of(clientId, roles),
                Fingerprint.checkedKey(idempotencyKey));
        Subscription subscription = created.subscription();
        return Response.created(URI.create("/webhooks/" + subscription.id))
                .entity(SubscriptionMapper.toView(subscription, subscription.secret))
                .header("ETag", ETags.of(subscription.version))
                .header("Idempotent-Replayed", created.replayed() ? "true" : null).build();
    }

    @GET
    @Operation(operationId = "listSubscriptions", summary = "List subscriptions", description = "The caller's own, in creation order; an admin sees "
            + "every client's (owner narrows it to one). Pages follow nextCursor.")
    public SubscriptionService.Page list(@Parameter(description = "admin only: one client's subscriptions")
            @QueryParam("owner") String owner, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        return subscriptions.list(Requester.of(clientId, roles), owner,
                // the real maximum, so that the message for 0 or abc gives the bounds a client may use
                QueryParams.integer("limit", limit, 1, config.paging().maxLimit()), cursor);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSubscription", summary = "Read a subscription", description = "404 when unknown or another client's. Never shows the secret.")
    @APIResponse(responseCode = "200", description = "The subscription (never its secret); ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    public Response get(@PathParam("id") UUID id, @HeaderParam("X-Client-Id") String clientId,
            @HeaderParam("X-Client-Roles") String roles) {
        return withETag(Response.ok(), subscriptions.get(id, Requester.of(clientId, roles))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceSubscription", summary = "Replace a subscription's editable fields", description = "If-Match required: 428 without, "
            + "412 when stale. enabled=true clears the reason it was disabled for and gives what waits a fresh retry window.")
    @APIResponse(responseCode = "200", description = "The subscription as it is now; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    public Response replace(@PathParam("id") UUID id, SubscriptionRequest request, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        return withETag(Response.ok(), subscriptions.replace(id, request, ifMatch, Requester.of(clientId, roles))).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchSubscription", summary = "Change some fields (JSON Merge Patch, RFC 7396)", description = "If-Match required.")
    @APIResponse(responseCode = "200", description = "The subscription as it is now; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    public Response patch(@PathParam("id") UUID id, String patch, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) throws IOException {
        Requester requester = Requester.of(clientId, roles);
        JsonNode base = mapper.valueToTree(SubscriptionMapper.toRequest(subscriptions.get(id, requester)));
        SubscriptionRequest patched = MergePatch.apply(mapper, base, patch, SubscriptionRequest.class);
        return withETag(Response.ok(), subscriptions.replace(id, patched, ifMatch, requester)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteSubscription", summary = "Delete a subscription", description = "Its pending deliveries are dropped. If-Match optional.")
    @APIResponse(responseCode = "204", description = "Deleted with its deliveries")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        subscriptions.delete(id, ifMatch, Requester.of(clientId, roles));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateSubscriptionSecret", summary = "Replace the signing secret", description = "The answer holds the new secret, shown this "
            + "once; the old one keeps signing (a second signature) for crm.webhooks.secret-rotation-overlap.")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    public Response rotateSecret(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        Subscription subscription = subscriptions.rotateSecret(id, ifMatch, Requester.of(clientId, roles));
        return Response.ok(SubscriptionMapper.toView(subscription, subscription.secret))
                .header("ETag", ETags.of(subscription.version)).build();
    }

    @POST
    @Path("{id}/test")
    @Operation(operationId = "pingSubscription", summary = "Send a signed webhook.ping now", description = "Answers with what the receiver said "
            + "(status, the start of its answer) or why it could not be reached. Not stored, not retried.")
    public Ping.Result test(@PathParam("id") UUID id, @HeaderParam("X-Client-Id") String clientId,
            @HeaderParam("X-Client-Roles") String roles) {
        return ping.send(subscriptions.get(id, Requester.of(clientId, roles)));
    }

    private static Response.ResponseBuilder withETag(Response.ResponseBuilder response, Subscription subscription) {
        return response.entity(SubscriptionMapper.toView(subscription)).header("ETag", ETags.of(subscription.version));
    }
}

package io.crmsuite.webhook.delivery;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.crmsuite.platform.http.QueryParams;
import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.subscription.Requester;
import io.crmsuite.webhook.subscription.SubscriptionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /webhooks/{id}/deliveries}: what became of each event sent to a subscription (its owner's, or an admin's). */
@Tag(name = "webhook deliveries", description = "Deliveries of a subscription: status, attempts, retry")
@Path("/webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final SubscriptionService subscriptions;
    private final DeliveryService deliveries;
    private final WebhookConfig config;

    DeliveryResource(SubscriptionService subscriptions, DeliveryService deliveries, WebhookConfig config) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.config = config;
    }

    @GET
    @Operation(operationId = "listDeliveries", summary = "List a subscription's deliveries", description = "Newest first; status PENDING, DELIVERED "
            + "or FAILED narrows the list. Pages follow nextCursor.")
    public DeliveryService.Page list(@PathParam("id") UUID id,
            @Parameter(description = "PENDING, DELIVERED or FAILED") @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        subscriptions.get(id, Requester.of(clientId, roles));
        return deliveries.list(id, QueryParams.enumOf(DeliveryStatus.class, "status", status),
                // the real maximum, so that the message for 0 or abc gives the bounds a client may use
                QueryParams.integer("limit", limit, 1, config.paging().maxLimit()), cursor);
    }

    @GET
    @Path("{deliveryId}")
    @Operation(operationId = "getDelivery", summary = "Read one delivery")
    public DeliveryView get(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        subscriptions.get(id, Requester.of(clientId, roles));
        return deliveries.get(id, deliveryId);
    }

    @POST
    @Path("{deliveryId}/retry")
    @Operation(operationId = "retryDelivery", summary = "Send a delivered or failed delivery again", description = "202: due now, with a fresh retry "
            + "window; 409 while it is still pending.")
    @APIResponse(responseCode = "202", description = "Due now, with a fresh retry window", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still pending: it is sent again by itself")
    public Response retry(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId,
            @HeaderParam("X-Client-Id") String clientId, @HeaderParam("X-Client-Roles") String roles) {
        subscriptions.get(id, Requester.of(clientId, roles));
        return Response.accepted(deliveries.retry(id, deliveryId)).build();
    }
}

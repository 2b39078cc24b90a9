package io.crmsuite.customer.purchase;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.platform.http.Caller;
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

@Tag(name = "purchases", description = "A customer's purchases")
@Path("/customers/{customerId}/purchases")
@Produces(MediaType.APPLICATION_JSON)
public class PurchaseResource {

    private final PurchaseService purchases;
    private final CustomerConfig config;

    PurchaseResource(PurchaseService purchases, CustomerConfig config) {
        this.purchases = purchases;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPurchase", summary = "Record a purchase", description = "201 with Location; honours Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Recorded; Location. A retry with the same Idempotency-Key and body answers the same: the first purchase, with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseView.class)))
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response record(@PathParam("customerId") UUID customerId, PurchaseRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("X-Client-Id") String clientId) {
        // the key is the client's own: the same key from another client names another request
        PurchaseService.Recorded recorded = purchases.record(customerId, request,
                Caller.of(clientId, null, null).scope(Fingerprint.checkedKey(idempotencyKey)));
        Purchase p = recorded.purchase();
        return Response.created(URI.create("/customers/" + customerId + "/purchases/" + p.id))
                .entity(PurchaseView.of(p)).header("Idempotent-Replayed", recorded.replayed() ? "true" : null).build();
    }

    @GET
    @Operation(operationId = "listPurchases", summary = "A customer's purchases, newest first", description = "Pages follow nextCursor.")
    public PurchaseService.Page list(@PathParam("customerId") UUID customerId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Integer pageSize = QueryParams.integer("limit", limit, 1, config.paging().maxLimit());
        return purchases.list(customerId, pageSize == null ? config.paging().defaultLimit() : pageSize, cursor);
    }

    @GET
    @Path("{purchaseId}")
    @Operation(operationId = "getPurchase", summary = "One purchase of a customer")
    @APIResponse(responseCode = "200", description = "The purchase", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseView.class)))
    public PurchaseView get(@PathParam("customerId") UUID customerId, @PathParam("purchaseId") UUID purchaseId) {
        return PurchaseView.of(purchases.get(customerId, purchaseId));
    }
}

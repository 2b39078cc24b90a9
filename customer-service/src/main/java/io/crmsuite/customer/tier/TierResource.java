package io.crmsuite.customer.tier;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.crmsuite.customer.profile.CustomerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Tag(name = "tiers", description = "Value tiers and their history")
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
public class TierResource {

    private final TierService tiers;
    private final CustomerService customers;

    TierResource(TierService tiers, CustomerService customers) {
        this.tiers = tiers;
        this.customers = customers;
    }

    @POST
    @Path("tiers/recompute")
    @Operation(operationId = "recomputeTiers", summary = "Recompute every customer's value tier now", description = "Returns how many moved.")
    public TierService.Result recompute() {
        return tiers.recompute();
    }

    @GET
    @Path("{id}/tier-history")
    @Operation(operationId = "getTierHistory", summary = "Every tier move of a customer, oldest first")
    public List<TierService.HistoryEntry> history(@PathParam("id") UUID id) {
        customers.get(id);
        return tiers.history(id);
    }
}

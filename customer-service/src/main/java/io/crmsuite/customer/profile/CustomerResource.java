package io.crmsuite.customer.profile;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.customer.lifecycle.ChurnRequest;
import io.crmsuite.customer.lifecycle.LifecycleService;
import io.crmsuite.customer.lifecycle.LifecycleStage;
import io.crmsuite.customer.tier.Tier;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.http.MergePatch;
import io.crmsuite.platform.http.QueryParams;
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

@Tag(name = "customers", description = "Customers: profiles, search, erasure, churn")
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;
    private final CustomerSearch search;
    private final LifecycleService lifecycle;
    private final ObjectMapper mapper;
    private final CustomerConfig config;

    CustomerResource(CustomerService customers, CustomerSearch search, LifecycleService lifecycle, ObjectMapper mapper,
            CustomerConfig config) {
        this.customers = customers;
        this.search = search;
        this.lifecycle = lifecycle;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCustomer", summary = "Create a customer", description = "201 with Location and ETag. The same Idempotency-Key "
            + "with the same body returns the first customer again; with another body, 422.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag. A retry with the same Idempotency-Key and body answers the same: the first customer, with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Response create(CustomerRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Client-Id") String clientId) {
        // the key is the client's own: the same key from another client names another request
        CustomerService.Created created = customers.create(request,
                Caller.of(clientId, null, null).scope(Fingerprint.checkedKey(idempotencyKey)));
        return withETag(Response.created(URI.create("/customers/" + created.customer().id)), created.customer())
                .header("Idempotent-Replayed", created.replayed() ? "true" : null).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer", description = "404 when unknown, 410 once erased.")
    @APIResponse(responseCode = "200", description = "The customer; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response get(@PathParam("id") UUID id) {
        return withETag(Response.ok(), customers.get(id)).build();
    }

    @GET
    @Operation(operationId = "searchCustomers", summary = "Search customers", description = "Filters combine with AND. name is a case-insensitive "
            + "prefix; email and phone match any of the customer's contact methods exactly. Pages follow nextCursor.")
    public CustomerSearch.Page list(@QueryParam("name") String name, @QueryParam("email") String email,
            @QueryParam("phone") String phone, @QueryParam("kind") String kind, @QueryParam("tier") String tier,
            @QueryParam("lifecycleStage") String lifecycleStage,
            @QueryParam("businessCategory") String businessCategory, @QueryParam("region") String region,
            @QueryParam("accountOwner") String accountOwner,
            @Parameter(description = "ISO-8601 instant or date") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "name (default), createdAt or updatedAt") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return search.search(new CustomerSearch.Criteria(name, email, phone, QueryParams.enumOf(Kind.class, "kind", kind),
                QueryParams.enumOf(Tier.class, "tier", tier),
                QueryParams.enumOf(LifecycleStage.class, "lifecycleStage", lifecycleStage), businessCategory, region,
                accountOwner, QueryParams.instant("updatedSince", updatedSince), sortOf(sort),
                // the real maximum, so that the message for 0 or abc gives the bounds a client may use
                QueryParams.integer("limit", limit, 1, config.paging().maxLimit()), cursor));
    }

    private static CustomerSearch.Sort sortOf(String sort) {
        if (sort == null || sort.isBlank()) {
            return CustomerSearch.Sort.name;
        }
        try {
            return CustomerSearch.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            throw io.crmsuite.platform.problem.ProblemException.badField("sort", "one of name, createdAt, updatedAt");
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceCustomer", summary = "Replace a customer's editable fields", description = "If-Match required: 428 without, "
            + "412 when stale.")
    @APIResponse(responseCode = "200", description = "The customer as it is now; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response replace(@PathParam("id") UUID id, CustomerRequest request, @HeaderParam("If-Match") String ifMatch) {
        return withETag(Response.ok(), customers.replace(id, request, ifMatch)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchCustomer", summary = "Change some fields (JSON Merge Patch, RFC 7396)", description = "If-Match required.")
    @APIResponse(responseCode = "200", description = "The customer as it is now; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response patch(@PathParam("id") UUID id, String patch, @HeaderParam("If-Match") String ifMatch)
            throws IOException {
        Customer current = customers.get(id);
        JsonNode base = mapper.valueToTree(CustomerMapper.toRequest(current));
        CustomerRequest patched = MergePatch.apply(mapper, base, patch, CustomerRequest.class);
        return withETag(Response.ok(), customers.replace(id, patched, ifMatch)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer on request", description = "Personal fields are anonymised, purchases "
            + "stay for the indicators, customer.erased is published; the id answers 410 afterwards.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response erase(@PathParam("id") UUID id) {
        customers.erase(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/churn")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markCustomerChurned", summary = "Mark a customer as lost, with the reason", description = "If-Match optional.")
    @APIResponse(responseCode = "200", description = "The customer, now CHURNED; ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "410", description = "The customer was erased")
    public Response churn(@PathParam("id") UUID id, ChurnRequest request, @HeaderParam("If-Match") String ifMatch) {
        return withETag(Response.ok(), lifecycle.churn(id, request, ifMatch)).build();
    }

    private static Response.ResponseBuilder withETag(Response.ResponseBuilder response, Customer customer) {
        return response.entity(CustomerMapper.toView(customer)).header("ETag", ETags.of(customer.version));
    }
}

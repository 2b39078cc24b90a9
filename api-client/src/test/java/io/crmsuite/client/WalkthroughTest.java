package io.crmsuite.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.crmsuite.client.api.ComplaintsApi;
import io.crmsuite.client.api.CustomersApi;
import io.crmsuite.client.api.IndicatorsApi;
import io.crmsuite.client.api.PurchasesApi;
import io.crmsuite.client.model.Category;
import io.crmsuite.client.model.Channel;
import io.crmsuite.client.model.ComplaintView;
import io.crmsuite.client.model.ContactMethod;
import io.crmsuite.client.model.Contact1;
import io.crmsuite.client.model.CustomerRequest;
import io.crmsuite.client.model.CustomerView;
import io.crmsuite.client.model.IntakeRequest;
import io.crmsuite.client.model.Kind;
import io.crmsuite.client.model.PurchaseRequest;
import io.crmsuite.client.model.PurchaseView;
import io.crmsuite.client.model.Resolve;
import io.crmsuite.client.model.Severity;
import io.crmsuite.client.model.Status;
import io.crmsuite.client.model.Type;

/**
 * The README's walkthrough, played by the client generated from the published document, against a running suite
 * (.ci/api-contract starts one and passes {@code crm.gateway.url} and {@code crm.api-keys}: role=key pairs for
 * admin, internal, call-center and bi). Without them (a plain {@code ./mvnw verify}) there is no suite to talk
 * to, and the test is skipped: the module then proves that the client compiles. Indicators are checked as the
 * change this walkthrough makes to them, so that the test holds on a suite that already has data.
 */
@Order(1)
class WalkthroughTest {

    @Test
    void theReadmeWalkthroughThroughTheGeneratedClient() throws Exception {
        assumeTrue(Suite.running(), "no running suite given (crm.gateway.url, crm.api-keys): see .ci/api-contract");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        IndicatorsApi bi = new IndicatorsApi(Suite.client("bi"));
        Map<String, Object> slaBefore = todaysRow(bi.getSlaIndicators(today, "day", null, tomorrow).getRows(), today);
        Map<String, Object> customersBefore = todaysRow(bi.getCustomerIndicators(today, "day", null, tomorrow)
                .getRows(), today);

        // the ERP registers Ana and her purchase; a retry with the same key gives the same customer
        CustomersApi erp = new CustomersApi(Suite.client("internal"));
        String phoneDigits = "9" + (10_000_000 + Math.floorMod(run.hashCode(), 89_999_999));
        CustomerRequest ana = new CustomerRequest().kind(Kind.END_CUSTOMER).name("Ana Lima " + run).region("south")
                .contactMethods(List.of(new ContactMethod().type(Type.PHONE).value("+5511" + phoneDigits)));
        CustomerView created = erp.createCustomer(ana, "walkthrough-" + run);
        assertEquals(created.getId(), erp.createCustomer(ana, "walkthrough-" + run).getId());
        PurchaseView purchase = new PurchasesApi(Suite.client("internal")).recordPurchase(created.getId(),
                new PurchaseRequest().amount(new BigDecimal("120.50")).currency("EUR").margin(new BigDecimal("30.00"))
                        .channel("store"), "walkthrough-purchase-" + run);
        assertEquals(0, new BigDecimal("120.50").compareTo(purchase.getAmount()));

        // the call center posts a complaint with the phone written its own way: it is matched to Ana
        ComplaintsApi callCenter = new ComplaintsApi(Suite.client("call-center"));
        ComplaintView complaint = callCenter.createComplaint(new IntakeRequest()
                .contact(new Contact1().phone("+55 11 " + phoneDigits.substring(0, 5) + "-" + phoneDigits.substring(5)))
                .channel(Channel.PHONE).category(Category.DELIVERY).severity(Severity.HIGH)
                .description("Parcel arrived broken").source("callcenter-sp").externalRef("CC-" + run),
                "walkthrough-complaint-" + run, null, null);
        assertEquals(Status.RECEIVED, complaint.getStatus());
        ComplaintView matched = await("the complaint matched to Ana", () -> callCenter.getComplaint(complaint.getId()),
                c -> created.getId().toString().equals(c.getCustomerId()));
        assertEquals(created.getId().toString(), matched.getCustomerId());

        ComplaintView resolved = callCenter.resolveComplaint(complaint.getId(),
                new Resolve().resolutionCode("REPLACED").summary("Sent a new unit"), "walkthrough-resolve-" + run, null,
                null);
        assertEquals(Status.RESOLVED, resolved.getStatus());

        // BI sees the change in the indicators, and may not read customers
        await("the complaint in the SLA indicators", () -> todaysRow(bi.getSlaIndicators(today, "day", null, tomorrow)
                .getRows(), today), row -> number(row, "received") == number(slaBefore, "received") + 1
                        && number(row, "resolved") == number(slaBefore, "resolved") + 1);
        await("Ana in the customer indicators", () -> todaysRow(bi.getCustomerIndicators(today, "day", null, tomorrow)
                .getRows(), today), row -> number(row, "registered") == number(customersBefore, "registered") + 1
                        && number(row, "new") == number(customersBefore, "new") + 1);
        ApiException refused = assertThrows(ApiException.class, () -> new CustomersApi(Suite.client("bi"))
                .getCustomer(created.getId()));
        assertEquals(403, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"status\":403"), refused.getResponseBody());
    }

    private static Map<String, Object> todaysRow(List<Map<String, Object>> rows, String today) {
        return rows.stream().filter(row -> today.equals(row.get("period"))).findFirst().orElse(Map.of());
    }

    private static long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : new BigDecimal(value.toString()).longValueExact();
    }

    /** Polls for at most 60 s: events take their way through Kafka to the other services. */
    private static <T> T await(String what, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = read.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what + "; last seen: " + last);
            }
            Thread.sleep(250);
            last = read.call();
        }
        return last;
    }
}

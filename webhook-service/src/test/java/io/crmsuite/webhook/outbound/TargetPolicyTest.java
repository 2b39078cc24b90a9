package io.crmsuite.webhook.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.crmsuite.webhook.outbound.TargetPolicy.PrivateTargets;

/** Server-side request forgery: what may be called when private targets are not allowed (production). */
class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(PrivateTargets.REFUSE, false, InetAddress::getAllByName);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", // loopback
            "https://127.8.9.10/hook",
            "https://10.1.2.3/hook", // RFC 1918
            "https://172.16.0.1/hook",
            "https://172.31.255.254/hook",
            "https://192.168.1.1/hook",
            "https://169.254.169.254/latest/meta-data/", // the cloud metadata service, link-local
            "https://100.64.0.1/hook", // carrier-grade NAT
            "https://0.0.0.0/hook", // unspecified
            "https://224.0.0.1/hook", // multicast
            "https://255.255.255.255/hook",
            "https://[::1]/hook", // IPv6 loopback
            "https://[::]/hook", // IPv6 unspecified
            "https://[fe80::1]/hook", // link-local
            "https://[fd12:3456:789a::1]/hook", // unique-local
            "https://[ff02::1]/hook", // multicast
            "https://[::ffff:127.0.0.1]/hook", // IPv4-mapped loopback
            "https://[::ffff:169.254.169.254]/hook", // IPv4-mapped metadata service
            "https://[::ffff:a00:1]/hook", // IPv4-mapped 10.0.0.1, written in hex
            "https://[64:ff9b::a00:1]/hook", // NAT64 of 10.0.0.1
            "https://[2002:7f00:1::]/hook", // 6to4 of 127.0.0.1
            "https://localhost/hook" // a name that resolves to loopback
    })
    void refusesTargetsInsidePrivateNetworks(String url) {
        TargetPolicy.Refused refused = assertThrows(TargetPolicy.Refused.class, () -> strict.resolve(url));
        assertTrue(refused.getMessage().contains("private networks are refused"), refused.getMessage());
        assertNotNull(strict.problem(url));
    }

    @Test
    void anIpv4MappedAddressKeptAsIpv6IsJudgedByItsIpv4Part() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("a link-local address (169.254.0.0/16, cloud metadata) (IPv4-mapped)", TargetPolicy.restriction(address));
    }

    @Test
    void aNameAnsweringWithAPublicAndAPrivateAddressIsRefused() {
        TargetPolicy policy = new TargetPolicy(PrivateTargets.REFUSE, false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7") });
        TargetPolicy.Refused refused = assertThrows(TargetPolicy.Refused.class,
                () -> policy.resolve("https://receiver.example.com/hook"));
        assertTrue(refused.getMessage().contains("10.0.0.7"), refused.getMessage());
    }

    @Test
    void acceptsAPublicHttpsTargetAndConnectsToTheAddressChecked() throws Exception {
        TargetPolicy policy = new TargetPolicy(PrivateTargets.REFUSE, false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14") });
        TargetPolicy.Target target = policy.resolve("https://receiver.example.com:8443/hooks/crm?tenant=a%20b");
        assertEquals("receiver.example.com", target.host());
        assertEquals(8443, target.port());
        assertTrue(target.https());
        assertEquals("/hooks/crm?tenant=a%20b", target.requestUri());
        assertEquals("93.184.215.14", target.address().getHostAddress());
        assertNull(policy.problem("https://receiver.example.com"));
        assertEquals("/", policy.resolve("https://receiver.example.com").requestUri());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://93.184.215.14/hook", "ftp://93.184.215.14/hook", "//93.184.215.14/hook",
            "not a url", "https://user:pw@93.184.215.14/hook", "https://93.184.215.14/hook#part", "https:///hook",
            "https://does-not-exist.invalid/hook" })
    void refusesPlainHttpOtherSchemesCredentialsFragmentsAndNamesThatDoNotResolve(String url) {
        assertNotNull(strict.problem(url), url);
    }

    @Test
    void privateTargetsAndPlainHttpAreAllowedOnlyWhenConfigured() {
        TargetPolicy local = new TargetPolicy(PrivateTargets.ALLOW, true, InetAddress::getAllByName);
        assertNull(local.problem("http://127.0.0.1:8099/hook"));
        assertNull(local.problem("http://localhost:8099/hook"));
        assertNotNull(new TargetPolicy(PrivateTargets.ALLOW, false, InetAddress::getAllByName).problem("http://127.0.0.1:8099/hook"),
                "https is still required when only private targets are allowed");
        assertNotNull(new TargetPolicy(PrivateTargets.REFUSE, true, InetAddress::getAllByName).problem("http://127.0.0.1:8099/hook"),
                "plain http allowed does not allow private targets");
    }

    /** Under ./crm up receivers may be local, but the suite's own ports are not theirs: no way past the gateway. */
    @Test
    void theSuitesOwnPortsAreRefusedOnLocalAddressesAndOnlyThere() {
        TargetPolicy local = new TargetPolicy(PrivateTargets.LOOPBACK, true, InetAddress::getAllByName,
                Set.of(8081, 5432));
        for (String url : List.of("http://127.0.0.1:8081/q/metrics", "http://localhost:8081/customers",
                "http://[::1]:8081/q/health", "http://2130706433:8081/", "http://127.0.0.1:5432/")) {
            assertNotNull(local.problem(url), url);
        }
        assertNull(local.problem("http://127.0.0.1:8099/hook"), "a receiver on another local port");
        TargetPolicy publicOnly = new TargetPolicy(PrivateTargets.REFUSE, false,
                host -> new InetAddress[] { InetAddress.getByName("93.184.215.14") }, Set.of(8081));
        assertNull(publicOnly.problem("https://example.com:8081/hook"), "a public receiver may use any port");
    }

    @Test
    void localDevelopmentAllowsLoopbackAndNothingElsePrivate() {
        TargetPolicy loopback = new TargetPolicy(PrivateTargets.LOOPBACK, true, InetAddress::getAllByName);
        assertNull(loopback.problem("http://127.0.0.1:8099/hook"));
        assertNull(loopback.problem("http://127.1.2.3:8099/hook"));
        assertNull(loopback.problem("http://[::1]:8099/hook"));
        for (String url : List.of("http://10.1.2.3/hook", "http://192.168.1.1/hook", "http://169.254.169.254/latest/",
                "http://[fd12:3456:789a::1]/hook", "http://0.0.0.0/hook", "http://[fe80::1]/hook")) {
            assertNotNull(loopback.problem(url), url);
        }
    }
}

package dev.berrys.starter.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses and localhost are used: nothing here resolves a public name or sends a packet. */
class AddressFilterTests {
    private final AddressFilter none = new AddressFilter(List.of());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, loopback",
        "127.8.9.10, loopback",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.254, private",
        "192.168.1.1, private",
        "169.254.169.254, link-local",
        "0.0.0.0, unspecified",
        "100.64.0.1, shared (carrier-grade NAT)",
        "224.0.0.1, multicast",
        "255.255.255.255, reserved",
        "::1, loopback",
        "::, unspecified",
        "fc00::1, private (unique local)",
        "fd12:3456::1, private (unique local)",
        "fe80::1, link-local",
        "ff02::1, multicast",
        "::ffff:127.0.0.1, loopback",
        "::ffff:10.0.0.1, private",
    })
    void refusesSpecialPurposeAddresses(String address, String reason) throws Exception {
        assertThat(AddressFilter.blockedReason(InetAddress.getByName(address))).isEqualTo(reason);
        assertThatThrownBy(() -> none.check(address))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("allow-list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2001:4860::8888"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(AddressFilter.blockedReason(InetAddress.getByName(address))).isNull();
        assertThat(none.check(address)).hasSize(1);
    }

    @Test
    void anAllowListedBlockOpensOnlyThatBlock() throws Exception {
        var filter = new AddressFilter(List.of("10.1.0.0/16", "127.0.0.1", " ::1 "));
        assertThat(filter.check("10.1.2.3")).hasSize(1);
        assertThat(filter.check("127.0.0.1")).hasSize(1);
        assertThat(filter.check("[::1]")).hasSize(1);
        assertThatThrownBy(() -> filter.check("10.2.0.1")).hasMessageContaining("private");
        assertThatThrownBy(() -> filter.check("127.0.0.2")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> filter.check("169.254.169.254")).hasMessageContaining("link-local");
    }

    @Test
    void anAllowListedHostNameOpensThatNameButNotItsAddress() throws Exception {
        var filter = new AddressFilter(List.of("LocalHost"));
        assertThat(filter.check(URI.create("http://localhost:8080/x"))).isNotEmpty();
        assertThatThrownBy(() -> filter.check(URI.create("http://127.0.0.1:8080/x")))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> none.check(URI.create("http://localhost:8080/x")))
                .hasMessageContaining("'localhost'")
                .hasMessageContaining("not a public address");
    }

    @Test
    void aRefusedNameIsNotAnsweredWithTheAddressItResolvesTo() throws Exception {
        // this machine's own name resolves to one of its addresses: a refusal must not tell which
        String own = InetAddress.getLocalHost().getHostName();
        String resolved = InetAddress.getByName(own).getHostAddress();
        assumeTrue(AddressFilter.blockedReason(InetAddress.getByName(own)) != null, "own name is not public");
        assertThatThrownBy(() -> none.check(URI.create("http://" + own + ":9/")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageNotContaining(resolved);
        assertThatThrownBy(() -> none.check("no-such-host.invalid"))
                .hasMessage("The host 'no-such-host.invalid' is not a public address (or cannot be resolved)"
                        + " and is not in the allow-list.");
    }

    @Test
    void refusesOtherSchemesUserInfoAndMissingHosts() {
        assertThatThrownBy(() -> none.check(URI.create("file:///etc/passwd")))
                .hasMessageContaining("Only http and https");
        assertThatThrownBy(() -> none.check(URI.create("ftp://8.8.8.8/"))).hasMessageContaining("Only http and https");
        assertThatThrownBy(() -> none.check(URI.create("http://user:pw@8.8.8.8/")))
                .hasMessageContaining("user information");
        assertThatThrownBy(() -> none.check(URI.create("http:///path"))).hasMessageContaining("no host");
    }

    @Test
    void refusesAnInvalidAllowListEntry() {
        assertThatThrownBy(() -> new AddressFilter(List.of("10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

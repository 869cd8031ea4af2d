package dev.berrys.starter.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Decides which hosts outgoing calls may reach: every address a host resolves to must be public, unless
 * the host name or a block containing the address is in the allow-list. Refuses private, loopback,
 * link-local, unspecified, multicast and other special-purpose ranges, so that a tool cannot be used to
 * reach the platform's own network or a cloud metadata endpoint.
 */
public final class AddressFilter {
    private static final List<Blocked> BLOCKED = List.of(
            new Blocked("0.0.0.0/8", "unspecified"),
            new Blocked("10.0.0.0/8", "private"),
            new Blocked("100.64.0.0/10", "shared (carrier-grade NAT)"),
            new Blocked("127.0.0.0/8", "loopback"),
            new Blocked("169.254.0.0/16", "link-local"),
            new Blocked("172.16.0.0/12", "private"),
            new Blocked("192.0.0.0/24", "special-purpose"),
            new Blocked("192.168.0.0/16", "private"),
            new Blocked("198.18.0.0/15", "special-purpose"),
            new Blocked("224.0.0.0/4", "multicast"),
            new Blocked("240.0.0.0/4", "reserved"),
            new Blocked("::/128", "unspecified"),
            new Blocked("::1/128", "loopback"),
            new Blocked("fc00::/7", "private (unique local)"),
            new Blocked("fe80::/10", "link-local"),
            new Blocked("fec0::/10", "site-local"),
            new Blocked("ff00::/8", "multicast"));

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;

    /** @param allowlist host names and CIDRs (or single addresses), e.g. {@code localhost, 10.1.0.0/16} */
    public AddressFilter(List<String> allowlist) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : allowlist) {
            String e = entry.trim();
            if (!e.isEmpty() && (e.contains("/") || Cidr.isLiteral(stripBrackets(e)))) {
                blocks.add(Cidr.parse(stripBrackets(e)));
            }
        }
        this.allowedBlocks = List.copyOf(blocks);
        this.allowedHosts = allowlist.stream()
                .map(String::trim)
                .filter(e -> !e.isEmpty() && !e.contains("/") && !Cidr.isLiteral(stripBrackets(e)))
                .map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Checks scheme and host of {@code uri} and resolves it; throws when any address is refused. */
    public List<InetAddress> check(URI uri) throws RefusedAddressException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedAddressException("Only http and https URLs are allowed, not '" + uri.getScheme() + "'.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedAddressException("The URL has no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedAddressException("URLs with user information are not allowed.");
        }
        return check(uri.getHost());
    }

    /**
     * Resolves {@code host} and returns its addresses when every one of them may be contacted. A refusal's
     * message names the host as the caller wrote it and never an address it resolved to: a name that does
     * not resolve and one that resolves to a non-public address are refused alike, so that refusals tell a
     * tenant nothing about the platform's own network.
     */
    public List<InetAddress> check(String host) throws RefusedAddressException {
        String name = stripBrackets(host).toLowerCase(Locale.ROOT);
        boolean literal = Cidr.isLiteral(name);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw notPublic(name);
        }
        if (allowedHosts.contains(name)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            String reason = refusal(address);
            if (reason != null) {
                if (literal) {
                    throw new RefusedAddressException(
                            "The address " + name + " is " + reason + " and not in the allow-list.");
                }
                throw notPublic(name);
            }
        }
        return List.of(addresses);
    }

    private static RefusedAddressException notPublic(String name) {
        return new RefusedAddressException("The host '" + name
                + "' is not a public address (or cannot be resolved) and is not in the allow-list.");
    }

    /** Why {@code address} is refused, or null when it may be contacted. */
    @Nullable
    String refusal(InetAddress address) {
        if (allowedBlocks.stream().anyMatch(b -> b.contains(address))) {
            return null;
        }
        return blockedReason(address);
    }

    /** The special-purpose range {@code address} falls in, or null for a public address. */
    static @Nullable String blockedReason(InetAddress address) {
        for (Blocked b : BLOCKED) {
            if (b.block().contains(address)) {
                return b.reason();
            }
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        return null;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private record Blocked(Cidr block, String reason) {
        Blocked(String cidr, String reason) {
            this(Cidr.parse(cidr), reason);
        }
    }
}

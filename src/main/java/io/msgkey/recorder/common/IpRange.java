package io.msgkey.recorder.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 198.51.100.0/24}, {@code 2001:db8::/32}); a bare address is a
 * range of one. Only literal addresses are read, never host names: nothing here waits for DNS or can be steered by it.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The range, or an IllegalArgumentException naming what is wrong with it. */
    public static IpRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
                "'" + cidr + "' is not an IP address or CIDR range"));
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + address.length * 8);
            }
        }
        return new IpRange(address, prefix);
    }

    public static List<IpRange> parseAll(String setting, List<String> cidrs) {
        try {
            return cidrs.stream().filter(cidr -> !cidr.isBlank()).map(IpRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /** The address as 4 or 16 bytes (an IPv4-mapped IPv6 address as its IPv4 one); empty when it is no IP literal. */
    public static Optional<byte[]> literal(String text) {
        String bare = text.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        if (!Arrays.equals(address, 0, full, network, 0, full)) {
            return false;
        }
        int rest = prefixLength % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (address[full] & mask) == (network[full] & mask);
    }

    /** False for anything that is not an IP literal. */
    public static boolean anyContains(List<IpRange> ranges, String address) {
        return literal(address).map(bytes -> ranges.stream().anyMatch(range -> range.contains(bytes))).orElse(false);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

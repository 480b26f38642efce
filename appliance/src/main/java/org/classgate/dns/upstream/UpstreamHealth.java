package org.classgate.dns.upstream;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A snapshot of one upstream's state, for the console. Immutable.
 *
 * @param healthy false after a failed exchange, until the upstream answers again
 * @param consecutiveFailures failed exchanges since the last answer (0 when healthy)
 * @param lastRtt the round-trip time of the last accepted answer; null if it never answered
 */
public record UpstreamHealth(
    InetSocketAddress address, boolean healthy, int consecutiveFailures, Duration lastRtt) {}

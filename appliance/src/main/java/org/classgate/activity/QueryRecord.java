package org.classgate.activity;

import java.net.InetAddress;
import java.time.Instant;
import org.classgate.dns.Outcome;

/**
 * One answered query as the activity log sees it. Immutable.
 *
 * @param name the question name in escaped presentation form, or null for an unparseable query
 * @param profile the client's filtering profile name, or null if it was not identified
 * @param categories bitmask of the categories that blocked the name, 0 otherwise
 * @param latencyNanos time from receipt to answer
 */
public record QueryRecord(
    Instant time,
    InetAddress client,
    String profile,
    String name,
    int type,
    Outcome outcome,
    int categories,
    long latencyNanos) {}

package org.classgate.activity;

import java.net.InetAddress;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;

/**
 * One answered query as the activity log sees it. Immutable. Built on the DNS hot path, so it holds
 * what the query already has (the parsed {@link Name}, the client address) and nothing derived:
 * presentation text, category names and wall-clock time are worked out later, off that path.
 *
 * @param monotonicNanos when the answer was decided, on the DNS chain's monotonic clock ({@link
 *     System#nanoTime()}-style); the writer turns it into trusted time per batch
 * @param client the source address of the query
 * @param deviceId the device registry's stable id for the client, or null while the client is not
 *     (yet) a known device
 * @param profile the client's filtering profile name, or null if it was not identified
 * @param name the question name, or null for an unparseable query
 * @param type the question type (RFC 1035 §3.2.2 QTYPE)
 * @param categories bitmask of the categories that blocked the name, 0 otherwise
 * @param latencyNanos time from receipt to answer
 */
public record QueryRecord(
    long monotonicNanos,
    InetAddress client,
    String deviceId,
    String profile,
    Name name,
    int type,
    Outcome outcome,
    int categories,
    long latencyNanos) {}

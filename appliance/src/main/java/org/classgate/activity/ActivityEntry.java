package org.classgate.activity;

import java.net.InetAddress;
import java.time.Instant;
import org.classgate.dns.Outcome;

/**
 * One DNS decision as the activity history keeps it. Immutable.
 *
 * @param deviceId the registered device, or null if the client is not (yet) known
 * @param profile the client's filtering profile name, or null if it was not identified
 * @param name the question name in presentation form, or null for an unparseable query
 * @param categories bitmask of the categories that matched the name, 0 otherwise
 */
public record ActivityEntry(
    Instant time,
    InetAddress client,
    String deviceId,
    String profile,
    String name,
    int type,
    Outcome outcome,
    int categories) {}

package org.classgate.console;

import java.time.Instant;

/**
 * A pupil's "I think this is a mistake" from the block page. Immutable. The host came from a
 * request's Host header: hostile text, escaped wherever it is shown.
 *
 * @param id the request's number
 * @param at when it was made
 * @param host the blocked site's name as the browser sent it
 * @param category the list category that blocked it, or null if not known
 * @param client the device's address, or null
 * @param status open, granted or refused
 */
public record UnblockRequest(
    long id, Instant at, String host, String category, String client, String status) {}

package org.classgate.dns;

import java.net.InetAddress;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Question;

/**
 * One client query as it travels down the stage chain. The raw bytes come from the listener; {@link
 * QueryGuard}-style stages fill in the parsed message and {@code ClientIdentity} the profile. Not
 * thread-safe: a query is handled by one chain at a time, and later stages see what earlier ones
 * set.
 */
public final class DnsQuery {
  private final byte[] raw;
  private final InetAddress client;
  private final Transport transport;
  private final long receivedNanos;
  private Message message;
  private Profile profile;
  private boolean categoriesWaived;

  /**
   * @param raw the datagram or TCP message exactly as received; owned by the query from now on
   */
  public DnsQuery(byte[] raw, InetAddress client, Transport transport, long receivedNanos) {
    this.raw = raw;
    this.client = client;
    this.transport = transport;
    this.receivedNanos = receivedNanos;
  }

  public byte[] raw() {
    return raw;
  }

  public InetAddress client() {
    return client;
  }

  public Transport transport() {
    return transport;
  }

  public long receivedNanos() {
    return receivedNanos;
  }

  /** The parsed query; null until the guard stage has parsed it. */
  public Message message() {
    return message;
  }

  public void parsed(Message parsedMessage) {
    this.message = parsedMessage;
  }

  /** Shortcut for {@code message().question()}; only valid after the guard stage. */
  public Question question() {
    return message.question();
  }

  /** The filtering profile for this client; null until the identity stage has run. */
  public Profile profile() {
    return profile;
  }

  public void identified(Profile clientProfile) {
    this.profile = clientProfile;
  }

  /**
   * True once a temporary allowance has covered this query's name: the profile's category lists no
   * longer apply to it (locked lists ran earlier and still did).
   */
  public boolean categoriesWaived() {
    return categoriesWaived;
  }

  public void waiveCategories() {
    this.categoriesWaived = true;
  }
}

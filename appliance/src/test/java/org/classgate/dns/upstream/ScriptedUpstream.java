package org.classgate.dns.upstream;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A fake upstream on a real loopback UDP socket that answers as its script says: honestly,
 * hostilely (forged IDs, questions, source ports) or not at all. It records every query it gets
 * with the port it came from. Replies are built with dnsjava. The receiving thread is a daemon;
 * {@link #close()} stops it. Thread-safe.
 */
final class ScriptedUpstream implements AutoCloseable {
  /** Decides what to send back for one received query. */
  @FunctionalInterface
  interface Script {
    void respond(Received query, ScriptedUpstream upstream) throws IOException;
  }

  /** One query as received: the sender's port, the raw bytes and dnsjava's reading of them. */
  record Received(InetSocketAddress from, byte[] wire, Message message) {
    int id() {
      return message.getHeader().getID();
    }
  }

  private final DatagramSocket socket;
  private final DatagramSocket otherPort;
  private final Script script;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Thread thread;

  ScriptedUpstream(Script script) throws SocketException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.otherPort = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.script = script;
    this.thread = new Thread(this::serve, "scripted-upstream");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Sends {@code reply} to the querier from the upstream's own address and port. */
  void send(Received query, Message reply) throws IOException {
    byte[] wire = reply.toWire();
    socket.send(new DatagramPacket(wire, wire.length, query.from()));
  }

  /** Sends {@code bytes} exactly as given to the querier, from the upstream's address and port. */
  void sendBytes(Received query, byte[] bytes) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, query.from()));
  }

  /** Sends {@code reply} from another port of the same address, as an off-path forger would. */
  void sendFromOtherPort(Received query, Message reply) throws IOException {
    byte[] wire = reply.toWire();
    otherPort.send(new DatagramPacket(wire, wire.length, query.from()));
  }

  /** A reply to {@code query} with {@code id}, question {@code name} and one A record. */
  static Message reply(Received query, int id, String name, String address) throws IOException {
    Message reply = new Message(id);
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.RD);
    reply.getHeader().setFlag(Flags.RA);
    Name owner = Name.fromString(name);
    int type = query.message().getQuestion().getType();
    reply.addRecord(
        Record.newRecord(owner, type, query.message().getQuestion().getDClass()), Section.QUESTION);
    if (type == Type.A) {
      reply.addRecord(
          new ARecord(owner, org.xbill.DNS.DClass.IN, 60, InetAddress.getByName(address)),
          Section.ANSWER);
    }
    return reply;
  }

  /** An honest reply: the query's ID and question, one A record. */
  static Message honestReply(Received query, String address) throws IOException {
    return reply(query, query.id(), query.message().getQuestion().getName().toString(), address);
  }

  private void serve() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] wire = Arrays.copyOf(buffer, packet.getLength());
        Received query =
            new Received((InetSocketAddress) packet.getSocketAddress(), wire, new Message(wire));
        received.add(query);
        script.respond(query, this);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        // A malformed query or a failed send: the test sees it as a missing answer.
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    otherPort.close();
    thread.join(5_000);
  }
}

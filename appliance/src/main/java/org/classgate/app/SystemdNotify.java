package org.classgate.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tinylog.TaggedLogger;

/**
 * Tells systemd how the service is doing (sd_notify(3)): {@code READY=1} once the box answers DNS,
 * {@code WATCHDOG=1} while it keeps answering, {@code STOPPING=1} when it stops. The protocol is a
 * datagram on the Unix socket named by {@code $NOTIFY_SOCKET}; Java 17 cannot send Unix datagrams,
 * so each message is handed to the {@code systemd-notify} command, which the unit allows with
 * {@code NotifyAccess=all}. systemd-notify (v246 and later) waits until the manager has processed
 * the message, so the message is attributed to this service even though the sender exits at once.
 *
 * <p>Without {@code $NOTIFY_SOCKET} (not started by systemd, or not {@code Type=notify}) every
 * method does nothing. A message that cannot be delivered is logged and dropped: the watchdog then
 * restarts the service, which is the point of it. Thread-safe.
 */
final class SystemdNotify {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  /** How long one systemd-notify may take before it is abandoned (the manager is stuck). */
  private static final long SEND_TIMEOUT_SECONDS = 10;

  /** Delivers one message's assignments ({@code KEY=value}); false if it was not delivered. */
  interface Sender {
    boolean send(List<String> assignments);
  }

  private final Sender sender; // null when disabled
  private final Duration watchdogTimeout; // null when systemd expects no pings

  SystemdNotify(Sender sender, Duration watchdogTimeout) {
    this.sender = sender;
    this.watchdogTimeout = watchdogTimeout;
  }

  /**
   * From the process environment, as systemd sets it: {@code NOTIFY_SOCKET}, and {@code
   * WATCHDOG_USEC} (with {@code WATCHDOG_PID}, which must be this process if present; sd_watchdog_
   * enabled(3)) when the unit has {@code WatchdogSec=}.
   *
   * @param env the environment (not null)
   * @param pid this process's id
   */
  static SystemdNotify fromEnvironment(Map<String, String> env, long pid) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      return new SystemdNotify(null, null);
    }
    return new SystemdNotify(new CommandSender(), watchdogTimeout(env, pid).orElse(null));
  }

  static Optional<Duration> watchdogTimeout(Map<String, String> env, long pid) {
    String usec = env.get("WATCHDOG_USEC");
    String forPid = env.get("WATCHDOG_PID");
    if (usec == null) {
      return Optional.empty();
    }
    try {
      if (forPid != null && Long.parseLong(forPid.trim()) != pid) {
        return Optional.empty(); // meant for another process (e.g. a wrapper that exec'd us)
      }
      long micros = Long.parseLong(usec.trim());
      return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
    } catch (NumberFormatException e) {
      LOG.warn("ignoring malformed WATCHDOG_USEC/WATCHDOG_PID: {}/{}", usec, forPid);
      return Optional.empty();
    }
  }

  /** Whether systemd listens (there is a notification socket). */
  boolean enabled() {
    return sender != null;
  }

  /**
   * How often to ping the watchdog: half the manager's timeout, as sd_watchdog_enabled(3) advises,
   * so one late ping is not yet a restart. Empty when systemd expects no pings.
   */
  Optional<Duration> watchdogInterval() {
    return enabled() && watchdogTimeout != null
        ? Optional.of(watchdogTimeout.dividedBy(2))
        : Optional.empty();
  }

  /** The start is complete; {@code status} is shown by {@code systemctl status}. */
  void ready(String status) {
    send(List.of("READY=1", "STATUS=" + oneLine(status)));
  }

  /** The service is alive and answering (only ever sent after a successful check). */
  void watchdog() {
    send(List.of("WATCHDOG=1"));
  }

  /** The stop has begun. */
  void stopping() {
    send(List.of("STOPPING=1", "STATUS=stopping"));
  }

  private void send(List<String> assignments) {
    if (sender != null && !sender.send(assignments)) {
      LOG.warn("systemd did not take the notification {}", assignments.get(0));
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }

  /** Runs {@code systemd-notify KEY=value…}, which inherits {@code NOTIFY_SOCKET}. */
  static final class CommandSender implements Sender {
    private final String command;

    CommandSender() {
      this("systemd-notify");
    }

    CommandSender(String command) {
      this.command = command;
    }

    @Override
    public boolean send(List<String> assignments) {
      List<String> args = new ArrayList<>();
      args.add(command);
      args.addAll(assignments);
      try {
        Process process =
            new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return false;
        }
        return process.exitValue() == 0;
      } catch (IOException e) {
        LOG.warn("cannot run {}: {}", command, e.getMessage());
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}

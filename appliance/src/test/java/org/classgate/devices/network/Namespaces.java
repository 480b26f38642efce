package org.classgate.devices.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Network namespaces and the processes a test starts in them, all removed again by {@link #close()}
 * (processes first, then the namespaces, which takes their interfaces with them). Needs root. Not
 * thread-safe: one test thread drives it.
 */
final class Namespaces implements AutoCloseable {
  private final CommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(30));
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  /** Whether this process can make namespaces (root, iproute2 present), with the reason if not. */
  static String unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not running as root (user " + System.getProperty("user.name") + ")";
    }
    String name = "cg-probe-" + ProcessHandle.current().pid();
    try {
      CommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(10));
      CommandRunner.Result added = runner.run(List.of("ip", "netns", "add", name), null);
      if (!added.succeeded()) {
        return "ip netns add failed: " + added.diagnostics();
      }
      CommandRunner.Result nft =
          runner.inNamespace(name).run(List.of("nft", "list", "ruleset"), null);
      runner.run(List.of("ip", "netns", "del", name), null);
      return nft.succeeded() ? null : "nft does not work in a namespace: " + nft.diagnostics();
    } catch (IOException e) {
      return "cannot run ip/nft: " + e.getMessage();
    }
  }

  /** Creates namespace {@code name} with its loopback up. */
  void add(String name) throws IOException {
    run("ip", "netns", "add", name);
    namespaces.add(name);
    in(name, "ip", "link", "set", "lo", "up");
  }

  /** Runs a command on the host and fails the test if it fails. */
  String run(String... command) throws IOException {
    CommandRunner.Result result = runner.run(List.of(command), null);
    if (!result.succeeded()) {
      throw new IOException(String.join(" ", command) + " failed: " + result.diagnostics());
    }
    return result.stdout();
  }

  /** Runs a command in {@code namespace} and fails the test if it fails. */
  String in(String namespace, String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /** Runs a command in {@code namespace} and returns its result, whatever it is. */
  CommandRunner.Result attempt(String namespace, String... command) throws IOException {
    return runner.inNamespace(namespace).run(List.of(command), null);
  }

  CommandRunner runner(String namespace) {
    return runner.inNamespace(namespace);
  }

  /**
   * Starts a long-running command in {@code namespace}, its output going to {@code log}; it is
   * killed by {@link #close()}.
   */
  Process start(String namespace, Path log, String... command) throws IOException {
    return start(namespace, log, java.util.Map.of(), command);
  }

  /**
   * As {@link #start(String, Path, String...)}, with {@code environment} added to the command's.
   */
  Process start(
      String namespace, Path log, java.util.Map<String, String> environment, String... command)
      throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Whether {@code file} exists and contains {@code text}. */
  static boolean contains(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      // ip netns exec execs the command, so the process is the command itself: end it and its
      // children (the python servers' threads are in-process; dnsmasq forks its script runner).
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String namespace : namespaces) {
      try {
        runner.run(List.of("ip", "netns", "del", namespace), null);
      } catch (IOException e) {
        System.err.println("could not delete namespace " + namespace + ": " + e.getMessage());
      }
    }
  }
}

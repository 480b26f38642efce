package org.classgate.devices.network;

import java.io.IOException;
import java.util.List;

/**
 * Runs an operating-system command: the seam through which the network adapters reach {@code nft}
 * and friends, so tests can run them inside a network namespace ({@link #inNamespace}) or feed
 * captured output. Implementations are thread-safe.
 */
public interface CommandRunner {
  /**
   * What a command printed and how it ended.
   *
   * @param exitCode the process's exit status
   */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The first lines of stderr (or stdout when stderr is empty), for an error message. */
    public String diagnostics() {
      String text = stderr.isBlank() ? stdout : stderr;
      text = text.strip();
      return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
  }

  /**
   * Runs {@code command} with {@code stdin} (null: none) as its standard input and waits for it.
   *
   * @throws IOException if it cannot be started or does not finish in time
   */
  Result run(List<String> command, String stdin) throws IOException;

  /** This runner with every command run in the network namespace {@code namespace}. */
  default CommandRunner inNamespace(String namespace) {
    CommandRunner outer = this;
    return (command, stdin) -> {
      List<String> wrapped = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace));
      wrapped.addAll(command);
      return outer.run(wrapped, stdin);
    };
  }
}

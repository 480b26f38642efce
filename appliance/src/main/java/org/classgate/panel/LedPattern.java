package org.classgate.panel;

import java.util.List;

/**
 * The LED's patterns, each a repeating sequence of (colour, duration) frames that starts with its
 * first frame the moment the pattern is chosen. Distinct in rhythm as well as colour, so a
 * colour-blind teacher (or a box with single-colour LEDs) can still tell them apart.
 */
public enum LedPattern {
  /** Lists loading, listeners not yet up: slow blue blink. */
  STARTING(frame(LedColour.BLUE, 500), frame(LedColour.OFF, 500)),
  /** Filtering and recording work: steady green. */
  HEALTHY(frame(LedColour.GREEN, 1000)),
  /**
   * Filtering works but something else does not (e.g. the panel's own hardware): green, amber wink.
   */
  DEGRADED(frame(LedColour.GREEN, 1800), frame(LedColour.AMBER, 200)),
  /** A press was captured: fast white flashes, shown at once. */
  ACKNOWLEDGE(frame(LedColour.WHITE, 100), frame(LedColour.OFF, 100)),
  /** A report waits for a member of staff: slow amber pulse. */
  WAITING_FOR_STAFF(frame(LedColour.AMBER, 700), frame(LedColour.OFF, 300)),
  /** The box may not be protecting or recording: fast red blink. */
  FAULT(frame(LedColour.RED, 250), frame(LedColour.OFF, 250)),
  /** The box is not set up (no classroom name): alternating blue and amber. */
  SETUP_NEEDED(frame(LedColour.BLUE, 500), frame(LedColour.AMBER, 500));

  /** One step of a pattern. */
  public record Frame(LedColour colour, long millis) {}

  private final List<Frame> frames;
  private final long periodNanos;

  LedPattern(Frame... frames) {
    this.frames = List.of(frames);
    long period = 0;
    for (Frame frame : frames) {
      period += frame.millis() * 1_000_000L;
    }
    this.periodNanos = period;
  }

  private static Frame frame(LedColour colour, long millis) {
    return new Frame(colour, millis);
  }

  public List<Frame> frames() {
    return frames;
  }

  /** The colour {@code elapsedNanos} after the pattern started (negative counts as zero). */
  public LedColour colourAt(long elapsedNanos) {
    long within = Math.floorMod(Math.max(0, elapsedNanos), periodNanos);
    for (Frame frame : frames) {
      within -= frame.millis() * 1_000_000L;
      if (within < 0) {
        return frame.colour();
      }
    }
    return frames.get(frames.size() - 1).colour();
  }
}

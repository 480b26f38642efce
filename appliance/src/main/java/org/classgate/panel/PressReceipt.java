package org.classgate.panel;

/**
 * What became of one press. Immutable.
 *
 * @param reportId the report it created or joined
 * @param pressCount presses in that report so far, this one included
 * @param sequence the box sequence number of the press's record
 * @param acknowledgedNanos from the press to the acknowledgement colour being on the LED
 * @param durableNanos from the press to its record being committed and synced
 */
public record PressReceipt(
    long reportId, int pressCount, long sequence, long acknowledgedNanos, long durableNanos) {}

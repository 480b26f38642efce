package org.classgate.activity;

/**
 * A client address (IPv4 or IPv6) as a hash-map key, packed into two longs so that the batch
 * encoder and the daily tally can look addresses up without allocating: each keeps one probe
 * instance, {@link #set} from the row at hand, and {@link #copy}s it only when the address is new.
 * Mutable, so never change a key while it is in a map. Not thread-safe.
 */
final class AddressKey {
  int length;
  long high;
  long low;

  void set(DecisionRow row) {
    length = row.addressLength;
    high = row.addressHigh;
    low = row.addressLow;
  }

  AddressKey copy(AddressKey other) {
    length = other.length;
    high = other.high;
    low = other.low;
    return this;
  }

  /** Writes the address's {@code length} bytes, network order, into {@code out}. */
  int bytes(byte[] out) {
    for (int i = 0; i < length; i++) {
      long word = i < 8 ? high : low;
      out[i] = (byte) (word >>> (8 * (7 - (i & 7))));
    }
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressKey key
        && key.length == length
        && key.high == high
        && key.low == low;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high * 31 + low) ^ length;
  }
}

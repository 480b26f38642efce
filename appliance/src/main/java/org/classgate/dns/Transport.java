package org.classgate.dns;

/** How a query reached ClassGate; decides the answer size limit. */
public enum Transport {
  UDP,
  TCP
}

package org.classgate.hub;

/** The two databases every hub store test and receiving IT runs against. */
public enum StoreKind {
  SQLITE,
  POSTGRESQL
}

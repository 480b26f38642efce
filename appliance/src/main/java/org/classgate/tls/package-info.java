/**
 * TLS for the box's own servers and its link to the school hub: a self-signed identity the box
 * makes on its first start ({@link org.classgate.tls.TlsIdentity}), and trust by pinning the other
 * side's public key ({@link org.classgate.tls.PinnedTrust}) instead of any certificate authority,
 * since a classroom box has no name a public CA could vouch for. Bouncy Castle's PKIX builder makes
 * the certificate (the JDK has no public API for it); everything else is the JDK's JSSE.
 */
package org.classgate.tls;

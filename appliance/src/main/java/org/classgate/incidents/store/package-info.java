/** SQLite adapters of the incident log and the alert queue. */
package org.classgate.incidents.store;

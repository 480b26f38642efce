/** The device registry in the box's SQLite database (migration 004). */
package org.classgate.devices.store;

/**
 * What every node needs to run: the embedded MariaDB started before the DataSource when
 * no external database is configured, the startup diagnostics for the database, and the
 * HTTP error rendering shared by the JSON APIs.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.attc.tracker.runtime;

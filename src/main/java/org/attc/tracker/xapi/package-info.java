/**
 * The learning record store: xAPI statements, documents, about and client credentials.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "runtime", "shared" })
package org.attc.tracker.xapi;

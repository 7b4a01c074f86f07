/**
 * Tiny value types shared by every module (identifiers, IRIs). No services live here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
		allowedDependencies = {})
package org.attc.tracker.shared;

/**
 * Tiny value types shared by every module (identifiers, IRIs). No services live here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.attc.tracker.shared;

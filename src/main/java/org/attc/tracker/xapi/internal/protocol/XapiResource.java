package org.attc.tracker.xapi.internal.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of an xAPI resource: its errors are answered by {@link XapiProblems}
 * with the status codes of xAPI 1.0.3 Communication §3.2, not by the application's
 * general error handling.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface XapiResource {

}
